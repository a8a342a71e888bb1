package org.amber.lockd.event;

import java.time.Instant;
import org.amber.lockd.ObjectMeta;

/**
 * CreateMultipartUpload: an upload of {@code key} began. Its parts arrive as {@link PartStored}; it ends
 * with {@link UploadEnded}, completed or aborted.
 *
 * @param seq               the record's sequence, which orders the uploads of one key
 * @param checksumAlgorithm null when the upload has none
 * @param checksumType      COMPOSITE or FULL_OBJECT; null when there is no algorithm
 * @param lock              the lock headers CreateMultipartUpload carried, for the completed version
 */
public record UploadCreated(String bucket, String key, String uploadId, long seq, Instant initiated, String owner,
                            ObjectMeta meta, String checksumAlgorithm, String checksumType,
                            org.amber.lockd.lock.LockRequest lock) implements Event {
    public UploadCreated {
        meta = meta == null ? ObjectMeta.NONE : meta;
        lock = lock == null ? org.amber.lockd.lock.LockRequest.NONE : lock;
    }

    public UploadCreated(String bucket, String key, String uploadId, long seq, Instant initiated, String owner,
                         ObjectMeta meta, String checksumAlgorithm, String checksumType) {
        this(bucket, key, uploadId, seq, initiated, owner, meta, checksumAlgorithm, checksumType, null);
    }
}
