package org.amber.journal;

import java.util.ArrayList;
import java.util.List;
import org.amber.lockd.Account;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.RequestContext;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.IamEvent;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.PartStored;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.ExtentMove;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.event.ClockTicked;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.ObjectLockConfigured;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.TagsSet;
import org.amber.lockd.lock.DefaultRetention;
import org.amber.lockd.lock.LockRequest;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.event.VersioningChanged;

/**
 * Turns journal entries into self-describing structs. The type names and field names written here
 * are the wire format: never rename or reuse one (add a new name instead). Stateless; any thread.
 */
final class EventEncoder {
    private EventEncoder() {
    }

    static TaggedWriter recorded(Recorded r) {
        List<TaggedWriter> events = new ArrayList<>(r.events().size());
        for (Event e : r.events()) {
            events.add(event(e));
        }
        TaggedWriter w = new TaggedWriter("Recorded")
                .putLong("seq", r.seq())
                .putInstant("time", r.time());
        // The compliance clock is written only when it differs from the wall clock, so older records
        // (which had one time) and agreeing ones encode alike.
        if (!java.util.Objects.equals(r.lockTime(), r.time())) {
            w.putInstant("lockTime", r.lockTime());
        }
        return w.putStruct("context", context(r.context()))
                .putStructList("events", events);
    }

    static TaggedWriter cleanShutdown(CleanShutdown m) {
        return new TaggedWriter("CleanShutdown").putLong("lastSeq", m.lastSeq()).putInstant("time", m.time());
    }

    static TaggedWriter event(Event e) {
        if (e instanceof AccountCreated a) {
            return new TaggedWriter("AccountCreated").putStruct("account", account(a.account()));
        } else if (e instanceof BucketCreated b) {
            return new TaggedWriter("BucketCreated").putString("bucket", b.bucket()).putString("owner", b.owner())
                    .putInstant("created", b.created());
        } else if (e instanceof BucketDeleted b) {
            return new TaggedWriter("BucketDeleted").putString("bucket", b.bucket());
        } else if (e instanceof VersioningChanged v) {
            return new TaggedWriter("VersioningChanged").putString("bucket", v.bucket())
                    .putString("status", v.status() == null ? null : v.status().name());
        } else if (e instanceof VersionStored v) {
            return new TaggedWriter("VersionStored").putString("bucket", v.bucket()).putStruct("version", version(v.version()));
        } else if (e instanceof VersionRemoved v) {
            TaggedWriter w = new TaggedWriter("VersionRemoved").putString("bucket", v.bucket()).putString("key", v.key())
                    .putString("versionId", v.versionId());
            // Written only when set, so a plain removal encodes as it always has.
            return v.governanceBypassed() ? w.putBool("governanceBypassed", true) : w;
        } else if (e instanceof ObjectLockConfigured c) {
            return new TaggedWriter("ObjectLockConfigured").putString("bucket", c.bucket()).putStruct("rule", rule(c.rule()));
        } else if (e instanceof RetentionSet r) {
            return new TaggedWriter("RetentionSet").putString("bucket", r.bucket()).putString("key", r.key())
                    .putString("versionId", r.versionId()).putStruct("retention", retention(r.retention()))
                    .putBool("governanceBypassed", r.governanceBypassed());
        } else if (e instanceof LegalHoldSet h) {
            return new TaggedWriter("LegalHoldSet").putString("bucket", h.bucket()).putString("key", h.key())
                    .putString("versionId", h.versionId()).putString("status", h.status().name());
        } else if (e instanceof ClockTicked) {
            return new TaggedWriter("ClockTicked");
        } else if (e instanceof UploadCreated u) {
            return new TaggedWriter("UploadCreated").putString("bucket", u.bucket()).putString("key", u.key())
                    .putString("uploadId", u.uploadId()).putLong("seq", u.seq()).putInstant("initiated", u.initiated())
                    .putString("owner", u.owner()).putStruct("meta", meta(u.meta()))
                    .putString("checksumAlgorithm", u.checksumAlgorithm()).putString("checksumType", u.checksumType())
                    .putStruct("lock", u.lock().isEmpty() ? null : lockRequest(u.lock()));
        } else if (e instanceof PartStored p) {
            return new TaggedWriter("PartStored").putString("bucket", p.bucket()).putString("uploadId", p.uploadId())
                    .putStruct("part", part(p.part()));
        } else if (e instanceof UploadEnded u) {
            return new TaggedWriter("UploadEnded").putString("bucket", u.bucket()).putString("uploadId", u.uploadId());
        } else if (e instanceof ExtentsMoved m) {
            List<TaggedWriter> moves = new ArrayList<>(m.moves().size());
            for (ExtentMove x : m.moves()) {
                TaggedWriter w = new TaggedWriter("Move").putStruct("from", blob(x.from())).putStruct("to", blob(x.to()));
                if (x.ownerKnown()) {
                    w.putString("bucket", x.bucket()).putString("key", x.key());
                }
                moves.add(w);
            }
            return new TaggedWriter("ExtentsMoved").putStructList("moves", moves);
        } else if (e instanceof SegmentsDropped d) {
            List<TaggedWriter> ids = new ArrayList<>(d.segments().size());
            d.segments().forEach(id -> ids.add(new TaggedWriter("Segment").putLong("id", id)));
            return new TaggedWriter("SegmentsDropped").putStructList("segments", ids);
        } else if (e instanceof TagsSet t) {
            return new TaggedWriter("TagsSet").putString("bucket", t.bucket()).putString("key", t.key())
                    .putString("versionId", t.versionId()).putMap("tags", t.tags());
        }
        if (e instanceof org.amber.lockd.event.IamEvent i) {
            return iam(i);
        }
        throw new IllegalArgumentException("no wire format for event " + e.getClass().getName());
    }

    private static TaggedWriter iam(org.amber.lockd.event.IamEvent e) {
        if (e instanceof IamEvent.UserCreated u) {
            return new TaggedWriter("UserCreated").putString("name", u.user().name()).putString("userId", u.user().userId())
                    .putInstant("created", u.user().created());
        } else if (e instanceof IamEvent.UserDeleted u) {
            return new TaggedWriter("UserDeleted").putString("name", u.name());
        } else if (e instanceof IamEvent.AccessKeyStatusSet k) {
            return new TaggedWriter("AccessKeyStatusSet").putString("accessKeyId", k.accessKeyId()).putBool("active", k.active());
        } else if (e instanceof IamEvent.AccessKeyDeleted k) {
            return new TaggedWriter("AccessKeyDeleted").putString("accessKeyId", k.accessKeyId());
        } else if (e instanceof IamEvent.GroupCreated g) {
            return new TaggedWriter("GroupCreated").putString("name", g.group().name()).putString("groupId", g.group().groupId())
                    .putInstant("created", g.group().created());
        } else if (e instanceof IamEvent.GroupDeleted g) {
            return new TaggedWriter("GroupDeleted").putString("name", g.name());
        } else if (e instanceof IamEvent.GroupMembershipSet m) {
            return new TaggedWriter("GroupMembershipSet").putString("group", m.group()).putString("user", m.user())
                    .putBool("member", m.member());
        } else if (e instanceof IamEvent.RoleCreated r) {
            return new TaggedWriter("RoleCreated").putString("name", r.role().name()).putString("roleId", r.role().roleId())
                    .putString("trustPolicy", r.role().trustPolicy()).putInt("maxSessionSeconds", r.role().maxSessionSeconds())
                    .putInstant("created", r.role().created());
        } else if (e instanceof IamEvent.RoleDeleted r) {
            return new TaggedWriter("RoleDeleted").putString("name", r.name());
        } else if (e instanceof IamEvent.PolicySet p) {
            return new TaggedWriter("PolicySet").putString("scope", p.scope().name()).putString("owner", p.owner())
                    .putString("name", p.name()).putString("document", p.document());
        }
        throw new IllegalArgumentException("no wire format for event " + e.getClass().getName());
    }

    private static TaggedWriter context(RequestContext c) {
        if (c == null) {
            return null;
        }
        return new TaggedWriter("RequestContext").putString("principal", c.principal())
                .putString("sourceIp", c.sourceIp()).putString("requestId", c.requestId());
    }

    private static TaggedWriter account(Account a) {
        if (a == null) {
            return null;
        }
        return new TaggedWriter("Account").putString("name", a.name()).putString("accessKeyId", a.accessKeyId())
                .putBytes("sealedSecret", a.sealedSecret()).putBool("root", a.root());
    }

    static TaggedWriter version(ObjectVersion v) {
        if (v == null) {
            return null;
        }
        TaggedWriter w = new TaggedWriter("ObjectVersion").putString("key", v.key()).putString("versionId", v.versionId())
                .putLong("seq", v.seq()).putBool("deleteMarker", v.deleteMarker())
                .putInstant("lastModified", v.lastModified()).putLong("size", v.size()).putString("etag", v.etag())
                .putStruct("blob", blob(v.blob())).putStruct("meta", meta(v.meta())).putString("owner", v.owner());
        // Only multipart versions have parts and only locked ones a lock, so others encode as they always have.
        if (!v.parts().isEmpty()) {
            w.putStructList("parts", parts(v.parts()));
        }
        if (!v.lock().equals(ObjectLock.NONE)) {
            w.putStruct("lock", new TaggedWriter("ObjectLock").putStruct("retention", retention(v.lock().retention()))
                    .putString("legalHold", v.lock().legalHold() == null ? null : v.lock().legalHold().name()));
        }
        return w;
    }

    private static TaggedWriter retention(Retention r) {
        return r == null ? null : new TaggedWriter("Retention").putString("mode", r.mode().name()).putInstant("retainUntil", r.retainUntil());
    }

    private static TaggedWriter rule(DefaultRetention r) {
        return r == null ? null : new TaggedWriter("DefaultRetention").putString("mode", r.mode().name()).putInt("days", r.days())
                .putInt("years", r.years());
    }

    private static TaggedWriter lockRequest(LockRequest l) {
        return new TaggedWriter("LockRequest").putStruct("retention", retention(l.retention()))
                .putString("legalHold", l.legalHold() == null ? null : l.legalHold().name());
    }

    private static List<TaggedWriter> parts(List<Part> parts) {
        List<TaggedWriter> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(part(p));
        }
        return out;
    }

    private static TaggedWriter part(Part p) {
        return new TaggedWriter("Part").putInt("number", p.number()).putLong("size", p.size()).putString("etag", p.etag())
                .putStruct("blob", blob(p.blob())).putMap("checksums", p.checksums()).putInstant("lastModified", p.lastModified());
    }

    private static TaggedWriter blob(BlobRef b) {
        if (b == null) {
            return null;
        }
        return new TaggedWriter("BlobRef").putLong("segment", b.segment()).putLong("offset", b.offset())
                .putLong("length", b.length()).putInt("crc32c", b.crc32c()).putInts("chunkCrcs", b.chunkCrcs());
    }

    private static TaggedWriter meta(ObjectMeta m) {
        if (m == null) {
            return null;
        }
        return new TaggedWriter("ObjectMeta").putString("contentType", m.contentType())
                .putMap("userMetadata", m.userMetadata()).putMap("headers", m.headers()).putMap("tags", m.tags());
    }
}
