package org.amber.journal;

import java.util.ArrayList;
import java.util.List;
import org.amber.lockd.Account;
import org.amber.lockd.event.IamEvent;
import org.amber.lockd.iam.IamGroup;
import org.amber.lockd.iam.IamRole;
import org.amber.lockd.iam.IamUser;
import org.amber.lockd.iam.PolicyScope;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ExtentMove;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Versioning;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.PartStored;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.event.ClockTicked;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.ObjectLockConfigured;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.TagsSet;
import org.amber.lockd.lock.DefaultRetention;
import org.amber.lockd.lock.LegalHold;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.LockRequest;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.event.VersioningChanged;

/**
 * Turns self-describing structs back into journal entries, reading every field name any format
 * version has written; a missing field takes its default, an unknown one is skipped.
 * Stateless; any thread.
 */
final class EventDecoder {
    private EventDecoder() {
    }

    /** A {@link Recorded} or a {@link CleanShutdown}, by the struct's type name. */
    static Object entry(TaggedStruct s) throws CorruptRecordException {
        switch (s.type()) {
            case "Recorded":
                return recorded(s);
            case "CleanShutdown":
                return new CleanShutdown(s.getLong("lastSeq"), s.getInstant("time"));
            default:
                throw new CorruptRecordException("unknown journal entry type '" + s.type() + "'");
        }
    }

    static Recorded recorded(TaggedStruct s) throws CorruptRecordException {
        List<Event> events = new ArrayList<>();
        for (TaggedStruct e : s.getStructList("events")) {
            events.add(event(e));
        }
        java.time.Instant time = s.getInstant("time");
        return new Recorded(s.getLong("seq"), time, s.has("lockTime") ? s.getInstant("lockTime") : time,
                context(s.getStruct("context")), events);
    }

    static Event event(TaggedStruct s) throws CorruptRecordException {
        switch (s.type()) {
            case "AccountCreated":
                return new AccountCreated(account(s.getStruct("account")));
            case "UserCreated":
                return new IamEvent.UserCreated(new IamUser(s.getString("name"), s.getString("userId"), s.getInstant("created")));
            case "UserDeleted":
                return new IamEvent.UserDeleted(s.getString("name"));
            case "AccessKeyStatusSet":
                return new IamEvent.AccessKeyStatusSet(s.getString("accessKeyId"), s.getBool("active"));
            case "AccessKeyDeleted":
                return new IamEvent.AccessKeyDeleted(s.getString("accessKeyId"));
            case "GroupCreated":
                return new IamEvent.GroupCreated(new IamGroup(s.getString("name"), s.getString("groupId"), s.getInstant("created")));
            case "GroupDeleted":
                return new IamEvent.GroupDeleted(s.getString("name"));
            case "GroupMembershipSet":
                return new IamEvent.GroupMembershipSet(s.getString("group"), s.getString("user"), s.getBool("member"));
            case "RoleCreated":
                return new IamEvent.RoleCreated(new IamRole(s.getString("name"), s.getString("roleId"), s.getString("trustPolicy"),
                        s.getInt("maxSessionSeconds"), s.getInstant("created")));
            case "RoleDeleted":
                return new IamEvent.RoleDeleted(s.getString("name"));
            case "PolicySet":
                return new IamEvent.PolicySet(policyScope(s.getString("scope")), s.getString("owner"), s.getString("name"),
                        s.getString("document"));
            case "BucketCreated":
                return new BucketCreated(s.getString("bucket"), s.getString("owner"), s.getInstant("created"));
            case "BucketDeleted":
                return new BucketDeleted(s.getString("bucket"));
            case "VersioningChanged":
                return new VersioningChanged(s.getString("bucket"), versioning(s.getString("status")));
            case "VersionStored":
                return new VersionStored(s.getString("bucket"), version(s.getStruct("version")));
            case "VersionRemoved":
                return new VersionRemoved(s.getString("bucket"), s.getString("key"), s.getString("versionId"),
                        s.has("governanceBypassed") && s.getBool("governanceBypassed"));
            case "ObjectLockConfigured":
                return new ObjectLockConfigured(s.getString("bucket"), rule(s.getStruct("rule")));
            case "RetentionSet":
                return new RetentionSet(s.getString("bucket"), s.getString("key"), s.getString("versionId"),
                        retention(s.getStruct("retention")), s.getBool("governanceBypassed"));
            case "LegalHoldSet":
                return new LegalHoldSet(s.getString("bucket"), s.getString("key"), s.getString("versionId"),
                        named(LegalHold.class, s.getString("status")));
            case "ClockTicked":
                return new ClockTicked();
            case "TagsSet":
                return new TagsSet(s.getString("bucket"), s.getString("key"), s.getString("versionId"), s.getMap("tags"));
            case "UploadCreated":
                return new UploadCreated(s.getString("bucket"), s.getString("key"), s.getString("uploadId"), s.getLong("seq"),
                        s.getInstant("initiated"), s.getString("owner"), meta(s.getStruct("meta")),
                        s.getString("checksumAlgorithm"), s.getString("checksumType"), lockRequest(s.getStruct("lock")));
            case "PartStored":
                return new PartStored(s.getString("bucket"), s.getString("uploadId"), part(s.getStruct("part")));
            case "ExtentsMoved": {
                List<ExtentMove> moves = new ArrayList<>();
                for (TaggedStruct m : s.getStructList("moves")) {
                    try {
                        // Moves journaled before owners were recorded have no bucket and key.
                        moves.add(new ExtentMove(blob(m.getStruct("from")), blob(m.getStruct("to")),
                                m.has("bucket") ? m.getString("bucket") : null, m.has("key") ? m.getString("key") : null));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        throw new CorruptRecordException("inconsistent extent move: " + e.getMessage(), e);
                    }
                }
                return new ExtentsMoved(moves);
            }
            case "SegmentsDropped": {
                List<Long> ids = new ArrayList<>();
                for (TaggedStruct id : s.getStructList("segments")) {
                    ids.add(id.getLong("id"));
                }
                return new SegmentsDropped(ids);
            }
            case "UploadEnded":
                return new UploadEnded(s.getString("bucket"), s.getString("uploadId"));
            default:
                throw new CorruptRecordException("unknown event type '" + s.type() + "'");
        }
    }

    private static RequestContext context(TaggedStruct s) throws CorruptRecordException {
        return s == null ? null
                : new RequestContext(s.getString("principal"), s.getString("sourceIp"), s.getString("requestId"));
    }

    private static PolicyScope policyScope(String name) throws CorruptRecordException {
        try {
            return PolicyScope.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CorruptRecordException("unknown policy scope '" + name + "'");
        }
    }

    private static Account account(TaggedStruct s) throws CorruptRecordException {
        return s == null ? null
                : new Account(s.getString("name"), s.getString("accessKeyId"), s.getBytes("sealedSecret"), s.getBool("root"));
    }

    private static Versioning versioning(String name) throws CorruptRecordException {
        if (name == null) {
            return null;
        }
        try {
            return Versioning.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("unknown versioning state '" + name + "'", e);
        }
    }

    static ObjectVersion version(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return null;
        }
        return new ObjectVersion(s.getString("key"), s.getString("versionId"), s.getLong("seq"), s.getBool("deleteMarker"),
                s.getInstant("lastModified"), s.getLong("size"), s.getString("etag"), blob(s.getStruct("blob")),
                s.has("meta") ? meta(s.getStruct("meta")) : ObjectMeta.NONE, s.getString("owner"), parts(s), lock(s.getStruct("lock")));
    }

    /** Versions written before Object Lock have no "lock" field: they have none. */
    private static ObjectLock lock(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return ObjectLock.NONE;
        }
        String hold = s.getString("legalHold");
        return new ObjectLock(retention(s.getStruct("retention")), hold == null ? null : named(LegalHold.class, hold));
    }

    private static LockRequest lockRequest(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return LockRequest.NONE;
        }
        String hold = s.getString("legalHold");
        return new LockRequest(retention(s.getStruct("retention")), hold == null ? null : named(LegalHold.class, hold));
    }

    private static Retention retention(TaggedStruct s) throws CorruptRecordException {
        return s == null ? null : new Retention(named(LockMode.class, s.getString("mode")), s.getInstant("retainUntil"));
    }

    private static DefaultRetention rule(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return null;
        }
        try {
            return new DefaultRetention(named(LockMode.class, s.getString("mode")), s.getInt("days"), s.getInt("years"));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("inconsistent default retention: " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) throws CorruptRecordException {
        try {
            return Enum.valueOf(type, String.valueOf(name));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("unknown " + type.getSimpleName() + " '" + name + "'", e);
        }
    }

    /** Versions written before multipart support have no "parts" field: they have none. */
    private static List<Part> parts(TaggedStruct version) throws CorruptRecordException {
        if (!version.has("parts")) {
            return List.of();
        }
        List<Part> out = new ArrayList<>();
        for (TaggedStruct p : version.getStructList("parts")) {
            out.add(part(p));
        }
        return out;
    }

    private static Part part(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            throw new CorruptRecordException("missing part");
        }
        return new Part(s.getInt("number"), s.getLong("size"), s.getString("etag"), blob(s.getStruct("blob")),
                s.getMap("checksums"), s.getInstant("lastModified"));
    }

    private static BlobRef blob(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return null;
        }
        try {
            return new BlobRef(s.getLong("segment"), s.getLong("offset"), s.getLong("length"), s.getInt("crc32c"),
                    s.getInts("chunkCrcs"));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException("inconsistent BlobRef: " + e.getMessage(), e);
        }
    }

    private static ObjectMeta meta(TaggedStruct s) throws CorruptRecordException {
        if (s == null) {
            return null;
        }
        // "tags" arrived after format v1's first records; older records decode with none.
        return new ObjectMeta(s.getString("contentType"), s.getMap("userMetadata"), s.getMap("headers"), s.getMap("tags"));
    }
}
