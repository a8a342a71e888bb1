package org.amber.lockd;

import java.time.Instant;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A multipart upload in progress: what CreateMultipartUpload fixed (key, metadata, checksum) and the
 * parts stored so far, the newest upload of each part number winning. Written by the one thread that
 * applies its {@link Store}'s events; read by any thread.
 *
 * @see org.amber.lockd.event.UploadCreated
 */
public final class Upload {
    private final String key;
    private final String uploadId;
    private final long seq;
    private final Instant initiated;
    private final String owner;
    private final ObjectMeta meta;
    private final String checksumAlgorithm;
    private final String checksumType;
    private final org.amber.lockd.lock.LockRequest lock;
    private final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();

    Upload(String key, String uploadId, long seq, Instant initiated, String owner, ObjectMeta meta,
           String checksumAlgorithm, String checksumType, org.amber.lockd.lock.LockRequest lock) {
        this.lock = lock;
        this.key = key;
        this.uploadId = uploadId;
        this.seq = seq;
        this.initiated = initiated;
        this.owner = owner;
        this.meta = meta;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksumType = checksumType;
    }

    public String key() {
        return key;
    }

    public String uploadId() {
        return uploadId;
    }

    /** The sequence of the record that created it: uploads of one key list in this order. */
    public long seq() {
        return seq;
    }

    public Instant initiated() {
        return initiated;
    }

    public String owner() {
        return owner;
    }

    /** The metadata the completed version will have. */
    public ObjectMeta meta() {
        return meta;
    }

    /** {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1}, {@code SHA256}, or null for none. */
    public String checksumAlgorithm() {
        return checksumAlgorithm;
    }

    /** {@code COMPOSITE} or {@code FULL_OBJECT}; null when there is no checksum algorithm. */
    public String checksumType() {
        return checksumType;
    }

    /** The lock headers CreateMultipartUpload carried; they apply to the completed version. */
    public org.amber.lockd.lock.LockRequest lock() {
        return lock;
    }

    /** The parts by number; a read-only live view. */
    public NavigableMap<Integer, Part> parts() {
        return Collections.unmodifiableNavigableMap(parts);
    }

    public Optional<Part> part(int number) {
        return Optional.ofNullable(parts.get(number));
    }

    void put(Part p) {
        parts.put(p.number(), p);
    }

    void relocate(java.util.Map<BlobRef, BlobRef> moves) {
        parts.replaceAll((n, p) -> p.relocated(moves));
    }
}
