package org.amber.lockd;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket and its keys. Written by one thread (the one applying events to its {@link Store});
 * read concurrently by any number of threads, which see each key's versions atomically.
 */
public final class BucketState {
    private final String name;
    private final String owner;
    private final Instant created;
    private volatile Versioning versioning = Versioning.UNVERSIONED;
    private volatile boolean objectLockEnabled;
    private volatile org.amber.lockd.lock.DefaultRetention defaultRetention;
    private volatile String policy;
    /** A ConcurrentSkipListMap in UTF-8 key order ({@link KeyIndex#ORDERED}) or a ConcurrentHashMap ({@link KeyIndex#HASHED}). */
    private final java.util.concurrent.ConcurrentMap<String, KeyVersions> keys;
    /** Uploads in progress by key (UTF-8 order), each key's in the order they began. */
    private final ConcurrentSkipListMap<String, java.util.List<Upload>> uploadsByKey = new ConcurrentSkipListMap<>(KeyOrder.UTF8);
    private final java.util.concurrent.ConcurrentHashMap<String, Upload> uploadsById = new java.util.concurrent.ConcurrentHashMap<>();

    BucketState(String name, String owner, Instant created, KeyIndex index) {
        this(name, owner, created, java.util.List.of(), index);
    }

    /** A bucket holding {@code sorted}, each key's versions in UTF-8 key order (as {@link #image()} lists them). */
    BucketState(String name, String owner, Instant created, java.util.List<KeyVersions> sorted, KeyIndex index) {
        this.name = name;
        this.owner = owner;
        this.created = created;
        if (index == KeyIndex.ORDERED) {
            // Built from sorted input in one linear pass; a million puts would compare keys twenty million times.
            this.keys = new ConcurrentSkipListMap<>(new SortedKeys(sorted));
        } else {
            this.keys = new java.util.concurrent.ConcurrentHashMap<>(Math.max(16, sorted.size() * 4 / 3 + 1));
            sorted.forEach(kv -> keys.put(kv.latest().key(), kv));
        }
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    public Instant created() {
        return created;
    }

    public Versioning versioning() {
        return versioning;
    }

    /** Whether Object Lock is on; once on, it stays on. */
    public boolean objectLockEnabled() {
        return objectLockEnabled;
    }

    /** The default retention rule for new versions, or null. */
    /** The bucket policy document, or null. */
    public String policy() {
        return policy;
    }

    void setPolicy(String document) {
        this.policy = document;
    }

    public org.amber.lockd.lock.DefaultRetention defaultRetention() {
        return defaultRetention;
    }

    /**
     * Keys in S3 listing order (UTF-8 byte order), each with its versions; a read-only live view.
     *
     * @throws IllegalStateException in a state whose keys are {@link KeyIndex#HASHED}
     */
    public NavigableMap<String, KeyVersions> keys() {
        return Collections.unmodifiableNavigableMap(ordered());
    }

    /** Every key's versions, in no particular order; a read-only live view. */
    public java.util.Collection<KeyVersions> allVersions() {
        return Collections.unmodifiableCollection(keys.values());
    }

    private ConcurrentSkipListMap<String, KeyVersions> ordered() {
        if (keys instanceof ConcurrentSkipListMap<String, KeyVersions> m) {
            return m;
        }
        throw new IllegalStateException("bucket " + name + ": this state's keys are hashed, not in listing order");
    }

    public Optional<KeyVersions> versions(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    /** The newest version of {@code key}, which may be a delete marker. */
    public Optional<ObjectVersion> latest(String key) {
        KeyVersions kv = keys.get(key);
        return kv == null ? Optional.empty() : Optional.of(kv.latest());
    }

    public Optional<ObjectVersion> version(String key, String versionId) {
        KeyVersions kv = keys.get(key);
        return kv == null ? Optional.empty() : kv.find(versionId);
    }

    /** True when the bucket holds no version and no delete marker. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The multipart uploads in progress by key, in UTF-8 key order; a read-only live view. */
    public NavigableMap<String, java.util.List<Upload>> uploads() {
        return Collections.unmodifiableNavigableMap(uploadsByKey);
    }

    public Optional<Upload> upload(String uploadId) {
        return Optional.ofNullable(uploadsById.get(uploadId));
    }

    void startUpload(Upload u) {
        uploadsById.put(u.uploadId(), u);
        uploadsByKey.compute(u.key(), (k, list) -> {
            java.util.List<Upload> next = list == null ? new java.util.ArrayList<>() : new java.util.ArrayList<>(list);
            next.add(u);
            return java.util.List.copyOf(next);
        });
    }

    void storePart(String uploadId, Part p) {
        Upload u = uploadsById.get(uploadId);
        if (u == null) {
            throw new IllegalStateException("part " + p.number() + " for missing upload " + uploadId + " in " + name);
        }
        u.put(p);
    }

    void endUpload(String uploadId) {
        Upload u = uploadsById.remove(uploadId);
        if (u != null) {
            uploadsByKey.computeIfPresent(u.key(), (k, list) -> {
                java.util.List<Upload> next = new java.util.ArrayList<>(list);
                next.removeIf(x -> x.uploadId().equals(uploadId));
                return next.isEmpty() ? null : java.util.List.copyOf(next);
            });
        }
    }

    /** Points every version and upload part of the bucket that references a moved extent at its new place (a full scan). */
    void relocate(java.util.Map<BlobRef, BlobRef> moves) {
        // Writes only the keys whose versions moved: replaceAll would rewrite every entry of the bucket.
        for (java.util.Map.Entry<String, KeyVersions> e : keys.entrySet()) {
            KeyVersions kv = e.getValue();
            KeyVersions moved = kv.relocated(moves);
            if (moved != kv) {
                keys.replace(e.getKey(), kv, moved);
            }
        }
        uploadsById.values().forEach(u -> u.relocate(moves));
    }

    /** As {@link #relocate(java.util.Map)}, for the versions and uploads of {@code key} only. */
    void relocate(String key, java.util.Map<BlobRef, BlobRef> moves) {
        keys.computeIfPresent(key, (k, kv) -> kv.relocated(moves));
        uploadsByKey.getOrDefault(key, java.util.List.of()).forEach(u -> u.relocate(moves));
    }

    /** Whether a version or an upload in progress of {@code key} references {@code extent}. */
    boolean references(String key, BlobRef extent) {
        KeyVersions kv = keys.get(key);
        if (kv != null && kv.newestFirst().stream().anyMatch(v -> v.extents().contains(extent))) {
            return true;
        }
        return uploadsByKey.getOrDefault(key, java.util.List.of()).stream()
                .anyMatch(u -> u.parts().values().stream().anyMatch(p -> p.blob().equals(extent)));
    }

    /** This bucket as of now: the events that recreate its settings and uploads, and its keys. Thread: the writer. */
    StoreImage.BucketImage image() {
        java.util.List<org.amber.lockd.event.Event> setup = new java.util.ArrayList<>();
        setup.add(new org.amber.lockd.event.BucketCreated(name, owner, created));
        if (versioning != Versioning.UNVERSIONED) {
            setup.add(new org.amber.lockd.event.VersioningChanged(name, versioning));
        }
        if (objectLockEnabled) {
            setup.add(new org.amber.lockd.event.ObjectLockConfigured(name, defaultRetention));
        }
        if (policy != null) {
            setup.add(new org.amber.lockd.event.IamEvent.PolicySet(org.amber.lockd.iam.PolicyScope.BUCKET, name, null, policy));
        }
        for (java.util.List<Upload> uploads : uploadsByKey.values()) {
            for (Upload u : uploads) {
                setup.add(new org.amber.lockd.event.UploadCreated(name, u.key(), u.uploadId(), u.seq(), u.initiated(), u.owner(),
                        u.meta(), u.checksumAlgorithm(), u.checksumType(), u.lock()));
                u.parts().values().forEach(p -> setup.add(new org.amber.lockd.event.PartStored(name, u.uploadId(), p)));
            }
        }
        return new StoreImage.BucketImage(setup, java.util.List.copyOf(ordered().values())); // one copy: the record keeps this list
    }

    void configureLock(org.amber.lockd.lock.DefaultRetention rule) {
        objectLockEnabled = true;
        defaultRetention = rule;
    }

    void relock(String key, String versionId, java.util.function.UnaryOperator<org.amber.lockd.lock.ObjectLock> change) {
        keys.computeIfPresent(key, (k, kv) -> kv.find(versionId)
                .map(v -> kv.replaced(v.withLock(change.apply(v.lock())))).orElse(kv));
    }

    void setVersioning(Versioning v) {
        versioning = v;
    }

    void store(ObjectVersion v) {
        keys.compute(v.key(), (k, kv) -> kv == null ? new KeyVersions(java.util.List.of(v)) : kv.with(v));
    }

    void retag(String key, String versionId, java.util.Map<String, String> tags) {
        keys.computeIfPresent(key, (k, kv) -> kv.find(versionId)
                .map(v -> kv.replaced(v.withMeta(v.meta().withTags(tags)))).orElse(kv));
    }

    void remove(String key, String versionId) {
        keys.computeIfPresent(key, (k, kv) -> kv.without(versionId));
    }
}
