package org.amber.lockd;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
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

/**
 * The whole in-memory state, derived only by applying journal records in order.
 *
 * <p>Single writer: {@link #apply} is called by one thread at a time (replay, then one pipeline
 * stage). Any thread may read concurrently; each bucket's key map and each key's version list are
 * safe to read while the writer works.
 */
public final class Store {
    private final ConcurrentSkipListMap<String, BucketState> buckets = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Account> accountsByKey = new ConcurrentHashMap<>();
    private final java.util.Set<Long> droppedSegments = ConcurrentHashMap.newKeySet();
    private final org.amber.lockd.iam.Directory directory = new org.amber.lockd.iam.Directory();
    /** The identity events of every record applied, with the record: what an image recreates the directory and accounts from. */
    private final java.util.List<Recorded> identity = new java.util.ArrayList<>();
    private volatile long lastSeq;
    private volatile Instant lastTime = Instant.EPOCH;
    private volatile Instant lastLockTime = Instant.EPOCH;
    private final KeyIndex keyIndex;

    /** A state whose buckets keep their keys in listing order: one that reads and images are taken from. */
    public Store() {
        this(KeyIndex.ORDERED);
    }

    /** An empty state holding each bucket's keys as {@code keyIndex} says. */
    public Store(KeyIndex keyIndex) {
        this.keyIndex = keyIndex;
    }

    /** Applies one record. Thread: the single writer. */
    public void apply(Recorded r) {
        if (r.seq() <= lastSeq) {
            throw new IllegalStateException("record " + r.seq() + " applied after " + lastSeq);
        }
        java.util.List<Event> identityEvents = null;
        for (Event e : r.events()) {
            applyEvent(e, r.time());
            if (isIdentity(e)) {
                identityEvents = identityEvents == null ? new java.util.ArrayList<>() : identityEvents;
                identityEvents.add(e);
            }
        }
        if (identityEvents != null) {
            identity.add(identityEvents.size() == r.events().size() ? r
                    : new Recorded(r.seq(), r.time(), r.lockTime(), r.context(), identityEvents));
        }
        lastSeq = r.seq();
        if (r.time().isAfter(lastTime)) {
            lastTime = r.time();
        }
        if (r.lockTime().isAfter(lastLockTime)) {
            lastLockTime = r.lockTime();
        }
    }

    private void applyEvent(Event e, Instant time) {
        if (e instanceof org.amber.lockd.event.IamEvent.PolicySet p && p.scope() == org.amber.lockd.iam.PolicyScope.BUCKET) {
            bucketOrFail(p.owner()).setPolicy(p.document());
        } else if (e instanceof org.amber.lockd.event.IamEvent.AccessKeyDeleted k) {
            accountsByKey.remove(k.accessKeyId());
            directory.apply(k, time);
        } else if (e instanceof org.amber.lockd.event.IamEvent i) {
            directory.apply(i, time);
        } else if (e instanceof VersionStored s) {
            bucketOrFail(s.bucket()).store(s.version());
        } else if (e instanceof VersionRemoved r) {
            bucketOrFail(r.bucket()).remove(r.key(), r.versionId());
        } else if (e instanceof BucketCreated c) {
            buckets.put(c.bucket(), new BucketState(c.bucket(), c.owner(), c.created(), keyIndex));
        } else if (e instanceof BucketDeleted d) {
            buckets.remove(d.bucket());
        } else if (e instanceof VersioningChanged v) {
            bucketOrFail(v.bucket()).setVersioning(v.status());
        } else if (e instanceof TagsSet t) {
            bucketOrFail(t.bucket()).retag(t.key(), t.versionId(), t.tags());
        } else if (e instanceof UploadCreated u) {
            bucketOrFail(u.bucket()).startUpload(new Upload(u.key(), u.uploadId(), u.seq(), u.initiated(), u.owner(),
                    u.meta(), u.checksumAlgorithm(), u.checksumType(), u.lock()));
        } else if (e instanceof PartStored p) {
            bucketOrFail(p.bucket()).storePart(p.uploadId(), p.part());
        } else if (e instanceof UploadEnded u) {
            bucketOrFail(u.bucket()).endUpload(u.uploadId());
        } else if (e instanceof ExtentsMoved m) {
            relocate(m.moves());
        } else if (e instanceof ObjectLockConfigured c) {
            bucketOrFail(c.bucket()).configureLock(c.rule());
        } else if (e instanceof RetentionSet r) {
            bucketOrFail(r.bucket()).relock(r.key(), r.versionId(), l -> l.withRetention(r.retention()));
        } else if (e instanceof LegalHoldSet h) {
            bucketOrFail(h.bucket()).relock(h.key(), h.versionId(), l -> l.withLegalHold(h.status()));
        } else if (e instanceof ClockTicked) {
            // Only the record's time matters.
        } else if (e instanceof SegmentsDropped d) {
            droppedSegments.addAll(d.segments());
        } else if (e instanceof AccountCreated a) {
            accountsByKey.put(a.account().accessKeyId(), a.account());
            directory.keyCreated(a.account().accessKeyId(), time);
        } else {
            throw new IllegalStateException("unknown event " + e);
        }
    }

    /** Access keys, users, groups, roles, their policies and the guardrail: everything but buckets and their contents. */
    private static boolean isIdentity(Event e) {
        if (e instanceof org.amber.lockd.event.IamEvent.PolicySet p) {
            return p.scope() != org.amber.lockd.iam.PolicyScope.BUCKET;
        }
        return e instanceof org.amber.lockd.event.IamEvent || e instanceof AccountCreated;
    }

    /**
     * A copy of the whole state as of the last record applied. Thread: the writer, between records (or
     * any thread once writing has stopped). It copies every bucket's key map, which is quick (versions
     * are immutable and shared), so that the slow part, writing the image out, can run elsewhere.
     *
     * @throws IllegalStateException in a {@link KeyIndex#HASHED} state, which has no key order to image
     */
    public StoreImage image() {
        if (keyIndex != KeyIndex.ORDERED) {
            throw new IllegalStateException("a state with hashed keys has no listing order to image");
        }
        java.util.List<StoreImage.BucketImage> out = new java.util.ArrayList<>(buckets.size());
        for (BucketState b : buckets.values()) {
            out.add(b.image());
        }
        return new StoreImage(lastSeq, lastTime, lastLockTime, identity, out, new java.util.TreeSet<>(droppedSegments).stream().toList());
    }

    /**
     * A Store in the state {@code image} was taken in, ready for the records after it. Versions are shared
     * with the image (they are immutable); everything else is rebuilt by the apply code replay uses.
     */
    public static Store restore(StoreImage image) {
        return restore(image, KeyIndex.ORDERED);
    }

    /** As {@link #restore(StoreImage)}, holding each bucket's keys as {@code keyIndex} says. */
    public static Store restore(StoreImage image, KeyIndex keyIndex) {
        Store s = new Store(keyIndex);
        for (Recorded r : image.identity()) {
            for (Event e : r.events()) {
                s.applyEvent(e, r.time());
            }
            s.identity.add(r);
        }
        for (StoreImage.BucketImage b : image.buckets()) {
            BucketCreated c = (BucketCreated) b.setup().get(0);
            s.buckets.put(c.bucket(), new BucketState(c.bucket(), c.owner(), c.created(), b.keys(), keyIndex));
            for (Event e : b.setup().subList(1, b.setup().size())) {
                s.applyEvent(e, image.lastTime());
            }
        }
        s.droppedSegments.addAll(image.droppedSegments());
        s.lastSeq = image.lastSeq();
        s.lastTime = image.lastTime();
        s.lastLockTime = image.lastLockTime();
        return s;
    }

    private BucketState bucketOrFail(String name) {
        BucketState b = buckets.get(name);
        if (b == null) {
            throw new IllegalStateException("event for missing bucket " + name);
        }
        return b;
    }

    /** Users, groups, roles, key states, inline policies and the guardrail. */
    public org.amber.lockd.iam.Directory directory() {
        return directory;
    }

    public Optional<BucketState> bucket(String name) {
        return Optional.ofNullable(buckets.get(name));
    }

    /** All buckets in name order; a read-only live view. */
    public Collection<BucketState> buckets() {
        return Collections.unmodifiableCollection(buckets.values());
    }

    public Optional<Account> accountByAccessKey(String accessKeyId) {
        return Optional.ofNullable(accountsByKey.get(accessKeyId));
    }

    public Collection<Account> accounts() {
        return Collections.unmodifiableCollection(accountsByKey.values());
    }

    /**
     * Moves whose owner is known touch only the owner's key: a compaction of one segment costs its moves,
     * not a scan of a million versions (and replay would pay that scan again for every compaction ever
     * journaled). Moves journaled before owners were recorded still search every bucket.
     */
    private void relocate(java.util.List<ExtentMove> moves) {
        java.util.Map<BlobRef, BlobRef> to = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> keysByBucket = new java.util.HashMap<>();
        boolean unknownOwner = false;
        for (ExtentMove x : moves) {
            to.put(x.from(), x.to());
            if (x.ownerKnown()) {
                keysByBucket.computeIfAbsent(x.bucket(), b -> new java.util.HashSet<>()).add(x.key());
            } else {
                unknownOwner = true;
            }
        }
        if (unknownOwner) {
            buckets.values().forEach(b -> b.relocate(to));
            return;
        }
        keysByBucket.forEach((bucket, keys) -> {
            BucketState b = bucketOrFail(bucket);
            keys.forEach(k -> b.relocate(k, to));
        });
    }

    /** Whether the key a move names as its owner still references the move's extent. */
    public boolean ownerReferences(ExtentMove m) {
        BucketState b = buckets.get(m.bucket());
        return b != null && b.references(m.key(), m.from());
    }

    /** Calls {@code visit} with the bucket, the key and the extent of every extent a version or an upload in progress references. */
    public void forEachExtent(ExtentVisitor visit) {
        for (BucketState b : buckets.values()) {
            for (KeyVersions kv : b.allVersions()) {
                for (ObjectVersion v : kv.newestFirst()) {
                    for (BlobRef x : v.extents()) {
                        visit.extent(b.name(), v.key(), x);
                    }
                }
            }
            for (java.util.List<Upload> uploads : b.uploads().values()) {
                for (Upload u : uploads) {
                    u.parts().values().forEach(p -> visit.extent(b.name(), u.key(), p.blob()));
                }
            }
        }
    }

    /** What {@link #forEachExtent} calls. */
    @FunctionalInterface
    public interface ExtentVisitor {
        void extent(String bucket, String key, BlobRef extent);
    }

    /** Blob segments reclamation has dropped; nothing may reference them again. A read-only live view. */
    public java.util.Set<Long> droppedSegments() {
        return Collections.unmodifiableSet(droppedSegments);
    }

    /**
     * Every blob segment some version (of any key, current or not, delete-protected or not) or some part
     * of an upload in progress references. A full scan: reclamation is rare and must be obviously right.
     */
    public java.util.Set<Long> referencedSegments() {
        java.util.Set<Long> out = new java.util.HashSet<>();
        referencedExtents().forEach(x -> out.add(x.segment()));
        return out;
    }

    /** Every extent some version or some part of an upload in progress references (a full scan). */
    public java.util.Set<BlobRef> referencedExtents() {
        java.util.Set<BlobRef> out = new java.util.HashSet<>();
        forEachExtent((bucket, key, x) -> out.add(x));
        return out;
    }

    /** The sequence of the last applied record; 0 for an empty journal. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The time of the newest applied record; new records never go below it. */
    public Instant lastTime() {
        return lastTime;
    }

    /** The compliance clock of the newest applied record: where the clock resumes after a restart. */
    public Instant lastLockTime() {
        return lastLockTime;
    }
}
