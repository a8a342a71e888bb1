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
    private final ConcurrentSkipListMap<String, KeyVersions> keys = new ConcurrentSkipListMap<>(KeyOrder.UTF8);

    BucketState(String name, String owner, Instant created) {
        this.name = name;
        this.owner = owner;
        this.created = created;
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

    /** Keys in S3 listing order (UTF-8 byte order), each with its versions; a read-only live view. */
    public NavigableMap<String, KeyVersions> keys() {
        return Collections.unmodifiableNavigableMap(keys);
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
