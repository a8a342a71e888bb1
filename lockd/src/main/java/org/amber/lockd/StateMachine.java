package org.amber.lockd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amber.lockd.command.Command;
import org.amber.lockd.command.AbortMultipartUpload;
import org.amber.lockd.command.CompleteMultipartUpload;
import org.amber.lockd.command.CreateAccount;
import org.amber.lockd.command.CreateMultipartUpload;
import org.amber.lockd.command.UploadPart;
import org.amber.lockd.command.CreateBucket;
import org.amber.lockd.command.DeleteBucket;
import org.amber.lockd.command.DeleteObject;
import org.amber.lockd.command.DropSegments;
import org.amber.lockd.command.PutBucketVersioning;
import org.amber.lockd.command.PutObject;
import org.amber.lockd.command.PutObjectLegalHold;
import org.amber.lockd.command.PutObjectLockConfiguration;
import org.amber.lockd.command.PutObjectRetention;
import org.amber.lockd.command.PutObjectTagging;
import org.amber.lockd.command.TickClock;
import org.amber.lockd.command.RelocateExtents;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.PartStored;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.ClockTicked;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.ObjectLockConfigured;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.event.TagsSet;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.event.VersioningChanged;
import org.amber.lockd.lock.LockRequest;
import org.amber.lockd.lock.LockRules;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;

/**
 * Turns a command into events or a refusal, against the current state. Pure: the time and the
 * sequence the record will carry are passed in; nothing is read from a clock and nothing is
 * changed — the caller applies the resulting record.
 */
public final class StateMachine {
    private StateMachine() {
    }

    /**
     * Decides {@code c}.
     *
     * @param seq the sequence the resulting record will have (version ids derive from it)
     * @param time the record's time, already made monotonic by the caller
     * @param principal who asks; becomes the owner of what is created
     */
    public static Decision decide(Store s, Command c, long seq, java.time.Instant time, String principal) {
        return decide(s, c, seq, time, time, principal);
    }

    /**
     * Decides {@code c} with the two clocks apart: {@code time} (wall clock) becomes Last-Modified,
     * {@code lockNow} (the compliance clock) is what every lock rule and every default retention is
     * measured against.
     */
    public static Decision decide(Store s, Command c, long seq, java.time.Instant time, java.time.Instant lockNow, String principal) {
        if (c instanceof PutObject p) {
            return putObject(s, p, seq, time, lockNow, principal);
        } else if (c instanceof DeleteObject d) {
            return deleteObject(s, d, seq, time, lockNow, principal);
        } else if (c instanceof CreateBucket b) {
            return createBucket(s, b, time, principal);
        } else if (c instanceof PutObjectLockConfiguration l) {
            return putLockConfiguration(s, l);
        } else if (c instanceof PutObjectRetention r) {
            return putRetention(s, r, lockNow);
        } else if (c instanceof PutObjectLegalHold h) {
            return putLegalHold(s, h);
        } else if (c instanceof TickClock) {
            return Decision.accept(List.of(new ClockTicked()));
        } else if (c instanceof DeleteBucket b) {
            return deleteBucket(s, b);
        } else if (c instanceof PutBucketVersioning v) {
            return putVersioning(s, v);
        } else if (c instanceof CreateAccount a) {
            return createAccount(s, a);
        } else if (c instanceof org.amber.lockd.command.IamCommand i) {
            return org.amber.lockd.iam.IamDecisions.decide(s, i, time);
        } else if (c instanceof PutObjectTagging t) {
            return putObjectTagging(s, t);
        } else if (c instanceof CreateMultipartUpload u) {
            return createUpload(s, u, seq, time, lockNow, principal);
        } else if (c instanceof UploadPart p) {
            return uploadPart(s, p, time);
        } else if (c instanceof CompleteMultipartUpload u) {
            return completeUpload(s, u, seq, time, lockNow, principal);
        } else if (c instanceof AbortMultipartUpload u) {
            return abortUpload(s, u);
        } else if (c instanceof DropSegments d) {
            return dropSegments(s, d);
        } else if (c instanceof RelocateExtents r) {
            return relocate(s, r);
        }
        throw new IllegalArgumentException("unknown command " + c);
    }

    private static Decision createBucket(Store s, CreateBucket c, java.time.Instant time, String principal) {
        Optional<BucketState> existing = s.bucket(c.bucket());
        if (existing.isPresent()) {
            return Decision.refuse(existing.get().owner().equals(principal)
                    ? Refusal.BUCKET_ALREADY_OWNED_BY_YOU : Refusal.BUCKET_ALREADY_EXISTS);
        }
        if (c.objectLockEnabled()) {
            return Decision.accept(List.of(new BucketCreated(c.bucket(), principal, time),
                    new VersioningChanged(c.bucket(), Versioning.ENABLED), new ObjectLockConfigured(c.bucket(), null)));
        }
        return Decision.accept(List.of(new BucketCreated(c.bucket(), principal, time)));
    }

    /** Enabling needs versioning Enabled (§2.2); the rule replaces any earlier one, or removes it. */
    private static Decision putLockConfiguration(Store s, PutObjectLockConfiguration c) {
        Optional<BucketState> b = s.bucket(c.bucket());
        if (b.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (b.get().versioning() != Versioning.ENABLED) {
            return Decision.refuse(Refusal.VERSIONING_NOT_ENABLED);
        }
        return Decision.accept(List.of(new ObjectLockConfigured(c.bucket(), c.rule())));
    }

    /** PutObjectRetention: the transition table of §4.1, against the compliance clock. */
    private static Decision putRetention(Store s, PutObjectRetention c, java.time.Instant now) {
        Object target = lockTarget(s, c.bucket(), c.key(), c.versionId());
        if (target instanceof Refusal r) {
            return Decision.refuse(r);
        }
        ObjectVersion v = (ObjectVersion) target;
        if (c.retention() != null && !c.retention().activeAt(now)) {
            return Decision.refuse(Refusal.RETAIN_UNTIL_NOT_FUTURE);
        }
        LockRules.Verdict verdict = LockRules.retentionChange(v.lock().retention(), c.retention(), now, c.bypassGovernance());
        if (!verdict.allowed()) {
            return Decision.refuse(Refusal.OBJECT_LOCKED);
        }
        return Decision.accept(List.of(new RetentionSet(c.bucket(), c.key(), v.versionId(), c.retention(),
                verdict == LockRules.Verdict.ALLOW_BYPASSING_GOVERNANCE)), v.versionId(), false);
    }

    /** PutObjectLegalHold: never subject to retention or bypass (§4.3). */
    private static Decision putLegalHold(Store s, PutObjectLegalHold c) {
        Object target = lockTarget(s, c.bucket(), c.key(), c.versionId());
        if (target instanceof Refusal r) {
            return Decision.refuse(r);
        }
        ObjectVersion v = (ObjectVersion) target;
        return Decision.accept(List.of(new LegalHoldSet(c.bucket(), c.key(), v.versionId(), c.status())), v.versionId(), false);
    }

    /**
     * The version a retention or legal-hold change applies to, or why there is none: no bucket, no Object
     * Lock, no key or version, or a delete marker (§4 common errors).
     */
    private static Object lockTarget(Store s, String bucket, String key, String versionId) {
        Optional<BucketState> ob = s.bucket(bucket);
        if (ob.isEmpty()) {
            return Refusal.NO_SUCH_BUCKET;
        }
        if (!ob.get().objectLockEnabled()) {
            return Refusal.NO_LOCK_CONFIGURATION;
        }
        if (versionId != null && !VersionIds.isWellFormed(versionId)) {
            return Refusal.INVALID_VERSION_ID;
        }
        Optional<ObjectVersion> v = versionId == null ? ob.get().latest(key) : ob.get().version(key, versionId);
        if (v.isEmpty()) {
            return versionId == null ? Refusal.NO_SUCH_KEY : Refusal.NO_SUCH_VERSION;
        }
        return v.get().deleteMarker() ? Refusal.METHOD_NOT_ALLOWED : v.get();
    }

    /**
     * The lock a new version gets (§3.4): the explicit retention, else the bucket's default rule from the
     * version's creation time; the legal hold independently. Null with {@code refusal[0]} set when the
     * request may not have it.
     */
    private static ObjectLock lockFor(BucketState b, LockRequest req, java.time.Instant created, Refusal[] refusal) {
        if (!req.isEmpty() && !b.objectLockEnabled()) {
            refusal[0] = Refusal.LOCK_HEADERS_WITHOUT_LOCK;
            return null;
        }
        if (req.retention() != null && !req.retention().activeAt(created)) {
            refusal[0] = Refusal.RETAIN_UNTIL_NOT_FUTURE;
            return null;
        }
        if (!b.objectLockEnabled()) {
            return ObjectLock.NONE;
        }
        Retention r = req.retention() != null ? req.retention()
                : b.defaultRetention() == null ? null : b.defaultRetention().retentionFor(created);
        return new ObjectLock(r, req.legalHold());
    }

    private static Decision deleteBucket(Store s, DeleteBucket c) {
        Optional<BucketState> b = s.bucket(c.bucket());
        if (b.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (!b.get().isEmpty()) {
            return Decision.refuse(Refusal.BUCKET_NOT_EMPTY);
        }
        // Uploads in progress do not keep a bucket alive (as on S3); they end with it.
        List<Event> events = new ArrayList<>();
        b.get().uploads().values().forEach(list -> list.forEach(u -> events.add(new UploadEnded(c.bucket(), u.uploadId()))));
        events.add(new BucketDeleted(c.bucket()));
        return Decision.accept(events);
    }

    private static Decision putVersioning(Store s, PutBucketVersioning c) {
        if (s.bucket(c.bucket()).isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (s.bucket(c.bucket()).get().objectLockEnabled() && c.status() != Versioning.ENABLED) {
            return Decision.refuse(Refusal.LOCK_KEEPS_VERSIONING);
        }
        return Decision.accept(List.of(new VersioningChanged(c.bucket(), c.status())));
    }

    private static Decision createAccount(Store s, CreateAccount c) {
        boolean taken = s.accountByAccessKey(c.account().accessKeyId()).isPresent()
                || s.accounts().stream().anyMatch(a -> a.name().equals(c.account().name()));
        return taken ? Decision.refuse(Refusal.ACCOUNT_EXISTS) : Decision.accept(List.of(new AccountCreated(c.account())));
    }

    /**
     * With versioning enabled a PUT adds a version; otherwise it replaces the "null" version, which
     * is an explicit removal so that every destruction of a version is a {@link VersionRemoved}.
     */
    private static Decision putObject(Store s, PutObject c, long seq, java.time.Instant time, java.time.Instant lockNow,
                                      String principal) {
        Optional<BucketState> ob = s.bucket(c.bucket());
        if (ob.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (s.droppedSegments().contains(c.blob().segment())) {
            return Decision.refuse(Refusal.BLOB_RECLAIMED);
        }
        Refusal[] why = new Refusal[1];
        ObjectLock lock = lockFor(ob.get(), c.lock(), lockNow, why);
        if (lock == null) {
            return Decision.refuse(why[0]);
        }
        List<Event> events = new ArrayList<>(2);
        String id = storeVersion(ob.get(), c.key(), seq, lockNow, events, vid -> new ObjectVersion(c.key(), vid, seq, false, time,
                c.size(), c.etag(), c.blob(), c.meta(), principal, List.of(), lock));
        return id == null && events.isEmpty() ? Decision.refuse(Refusal.OBJECT_LOCKED) : Decision.accept(events, id, false);
    }

    /**
     * Adds the events that store a new version of {@code key}: with versioning enabled it is one more
     * version; otherwise it replaces the null version. Returns the id to show, null when unversioned.
     */
    private static String storeVersion(BucketState b, String key, long seq, java.time.Instant now, List<Event> events,
                                       java.util.function.Function<String, ObjectVersion> version) {
        boolean versioned = b.versioning() == Versioning.ENABLED;
        String id = versioned ? VersionIds.of(seq) : VersionIds.NULL;
        if (!versioned && !replaceNullVersion(b, key, now, events)) {
            events.clear();
            return null;
        }
        events.add(new VersionStored(b.name(), version.apply(id)));
        return versioned ? id : null;
    }

    /** The upload id is derived from the record's sequence, like a version id: unique and opaque. */
    private static Decision createUpload(Store s, CreateMultipartUpload c, long seq, java.time.Instant time,
                                         java.time.Instant lockNow, String principal) {
        if (s.bucket(c.bucket()).isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        Refusal[] why = new Refusal[1];
        if (lockFor(s.bucket(c.bucket()).get(), c.lock(), lockNow, why) == null) {
            return Decision.refuse(why[0]);
        }
        String uploadId = VersionIds.of(seq);
        return Decision.accept(List.of(new UploadCreated(c.bucket(), c.key(), uploadId, seq, time, principal, c.meta(),
                c.checksumAlgorithm(), c.checksumType(), c.lock())), uploadId, false);
    }

    private static Decision uploadPart(Store s, UploadPart c, java.time.Instant time) {
        Optional<BucketState> b = s.bucket(c.bucket());
        if (b.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (upload(b.get(), c.key(), c.uploadId()).isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_UPLOAD);
        }
        if (s.droppedSegments().contains(c.blob().segment())) {
            return Decision.refuse(Refusal.BLOB_RECLAIMED);
        }
        Part p = new Part(c.number(), c.size(), c.etag(), c.blob(), c.checksums(), time);
        return Decision.accept(List.of(new PartStored(c.bucket(), c.uploadId(), p)));
    }

    /** The version takes the parts' extents as they are; parts left out of the list are dropped with the upload. */
    private static Decision completeUpload(Store s, CompleteMultipartUpload c, long seq, java.time.Instant time,
                                           java.time.Instant lockNow, String principal) {
        Optional<BucketState> ob = s.bucket(c.bucket());
        if (ob.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        Optional<Upload> u = upload(ob.get(), c.key(), c.uploadId());
        if (u.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_UPLOAD);
        }
        // Compaction may have moved a part's bytes since the client's list was checked: the current
        // part, wherever its bytes now are, is the one to take.
        List<Part> current = new ArrayList<>(c.parts().size());
        for (Part p : c.parts()) {
            Optional<Part> now = u.get().part(p.number()).filter(p::sameContent);
            if (now.isEmpty()) {
                return Decision.refuse(Refusal.INVALID_PART);
            }
            current.add(now.get());
        }
        // Default retention starts at completion, when the version is created (§10 D10); an explicit date
        // must still be in the future.
        Refusal[] why = new Refusal[1];
        ObjectLock lock = lockFor(ob.get(), u.get().lock(), lockNow, why);
        if (lock == null) {
            return Decision.refuse(why[0]);
        }
        List<Event> events = new ArrayList<>(3);
        String id = storeVersion(ob.get(), c.key(), seq, lockNow, events, vid -> new ObjectVersion(c.key(), vid, seq, false, time,
                c.size(), c.etag(), null, c.meta(), principal, current, lock));
        if (id == null && events.isEmpty()) {
            return Decision.refuse(Refusal.OBJECT_LOCKED);
        }
        events.add(new UploadEnded(c.bucket(), c.uploadId()));
        return Decision.accept(events, id, false);
    }

    private static Decision abortUpload(Store s, AbortMultipartUpload c) {
        Optional<BucketState> b = s.bucket(c.bucket());
        if (b.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        if (upload(b.get(), c.key(), c.uploadId()).isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_UPLOAD);
        }
        return Decision.accept(List.of(new UploadEnded(c.bucket(), c.uploadId())));
    }

    /**
     * Drops the candidates nothing references. A blob written but not yet decided may sit in one: its
     * command is then refused (BLOB_RECLAIMED), never acknowledged, so nothing durable is lost. Dropping
     * destroys no version: every version's extents are referenced, whatever its state.
     */
    private static Decision dropSegments(Store s, DropSegments c) {
        java.util.Set<Long> referenced = s.referencedSegments();
        List<Long> drop = c.candidates().stream().filter(id -> id >= 0 && !referenced.contains(id)
                && !s.droppedSegments().contains(id)).sorted().toList();
        return drop.isEmpty() ? Decision.accept(List.of()) : Decision.accept(List.of(new SegmentsDropped(drop)));
    }

    /**
     * Keeps the moves of extents something still references, to places in segments not dropped. Moving
     * bytes destroys no version: every reference keeps the same bytes, checksums and all.
     */
    private static Decision relocate(Store s, RelocateExtents c) {
        // The full scan only when some move does not name its owner (moves journaled before owners were).
        java.util.Set<BlobRef> everywhere = c.moves().stream().allMatch(ExtentMove::ownerKnown)
                ? java.util.Set.of() : s.referencedExtents();
        List<ExtentMove> keep = c.moves().stream().filter(m -> (m.ownerKnown() ? s.ownerReferences(m) : everywhere.contains(m.from()))
                && !s.droppedSegments().contains(m.to().segment())).toList();
        return keep.isEmpty() ? Decision.accept(List.of()) : Decision.accept(List.of(new ExtentsMoved(keep)));
    }

    /** The upload {@code uploadId} if it is in progress and for {@code key}. */
    private static Optional<Upload> upload(BucketState b, String key, String uploadId) {
        return b.upload(uploadId).filter(u -> u.key().equals(key));
    }

    private static Decision deleteObject(Store s, DeleteObject c, long seq, java.time.Instant time, java.time.Instant lockNow,
                                         String principal) {
        Optional<BucketState> ob = s.bucket(c.bucket());
        if (ob.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        BucketState b = ob.get();
        if (c.versionId() != null) {
            return deleteVersion(b, c, lockNow);
        }
        List<Event> events = new ArrayList<>(2);
        switch (b.versioning()) {
            case ENABLED: {
                // A delete marker destroys nothing: allowed whatever locks the current version has (§5.2).
                String id = VersionIds.of(seq);
                events.add(new VersionStored(c.bucket(), ObjectVersion.deleteMarker(c.key(), id, seq, time, principal)));
                return Decision.accept(events, id, true);
            }
            case SUSPENDED:
                if (!replaceNullVersion(b, c.key(), lockNow, events)) {
                    return Decision.refuse(Refusal.OBJECT_LOCKED);
                }
                events.add(new VersionStored(c.bucket(),
                        ObjectVersion.deleteMarker(c.key(), VersionIds.NULL, seq, time, principal)));
                return Decision.accept(events, VersionIds.NULL, true);
            default:
                if (!replaceNullVersion(b, c.key(), lockNow, events)) {
                    return Decision.refuse(Refusal.OBJECT_LOCKED);
                }
                return Decision.accept(events);
        }
    }

    /**
     * Deleting a version that does not exist succeeds and changes nothing, as on S3; one that exists
     * goes only if the lock predicate allows it.
     */
    private static Decision deleteVersion(BucketState b, DeleteObject c, java.time.Instant now) {
        if (!VersionIds.isWellFormed(c.versionId())) {
            return Decision.refuse(Refusal.INVALID_VERSION_ID);
        }
        Optional<ObjectVersion> v = b.version(c.key(), c.versionId());
        if (v.isEmpty()) {
            return Decision.accept(List.of(), c.versionId(), false);
        }
        LockRules.Verdict verdict = LockRules.mayDestroy(v.get(), now, c.bypassGovernance());
        if (!verdict.allowed()) {
            return Decision.refuse(Refusal.OBJECT_LOCKED);
        }
        return Decision.accept(List.of(new VersionRemoved(b.name(), c.key(), c.versionId(),
                verdict == LockRules.Verdict.ALLOW_BYPASSING_GOVERNANCE)), c.versionId(), v.get().deleteMarker());
    }

    /** Tags the current version, or the one named; a delete marker has no tags to set. */
    private static Decision putObjectTagging(Store s, PutObjectTagging c) {
        Optional<BucketState> ob = s.bucket(c.bucket());
        if (ob.isEmpty()) {
            return Decision.refuse(Refusal.NO_SUCH_BUCKET);
        }
        Optional<ObjectVersion> v = c.versionId() == null ? ob.get().latest(c.key()) : ob.get().version(c.key(), c.versionId());
        if (v.isEmpty()) {
            return Decision.refuse(c.versionId() == null ? Refusal.NO_SUCH_KEY : Refusal.NO_SUCH_VERSION);
        }
        if (v.get().deleteMarker()) {
            return Decision.refuse(c.versionId() == null ? Refusal.NO_SUCH_KEY : Refusal.METHOD_NOT_ALLOWED);
        }
        return Decision.accept(List.of(new TagsSet(c.bucket(), c.key(), v.get().versionId(), c.tags())),
                v.get().versionId(), false);
    }

    /**
     * Adds the removal of the null version, if there is one and the lock predicate lets it go (no bypass:
     * an overwrite is never a governance bypass); false, adding nothing, if it is protected.
     */
    private static boolean replaceNullVersion(BucketState b, String key, java.time.Instant now, List<Event> events) {
        Optional<ObjectVersion> v = b.version(key, VersionIds.NULL);
        if (v.isEmpty()) {
            return true;
        }
        if (!LockRules.mayDestroy(v.get(), now, false).allowed()) {
            return false;
        }
        events.add(new VersionRemoved(b.name(), key, VersionIds.NULL));
        return true;
    }
}
