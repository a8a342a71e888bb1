package org.amber.lockd.command;

import org.amber.lockd.ObjectMeta;
import org.amber.lockd.lock.LockRequest;

/**
 * CreateMultipartUpload; the checksum fields are null when the client asked for none; {@code lock} applies
 * to the version CompleteMultipartUpload creates.
 */
public record CreateMultipartUpload(String bucket, String key, ObjectMeta meta, String checksumAlgorithm,
                                    String checksumType, LockRequest lock) implements Command {
    public CreateMultipartUpload {
        lock = lock == null ? LockRequest.NONE : lock;
    }

    public CreateMultipartUpload(String bucket, String key, ObjectMeta meta, String checksumAlgorithm, String checksumType) {
        this(bucket, key, meta, checksumAlgorithm, checksumType, LockRequest.NONE);
    }
}
