package org.amber.lockd.command;

import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.lock.LockRequest;

/**
 * PutObject (and CopyObject): the bytes are already written (not yet synced) at {@code blob}.
 *
 * @param lock what the request's lock headers ask for; the bucket's default rule fills in a retention
 */
public record PutObject(String bucket, String key, BlobRef blob, long size, String etag, ObjectMeta meta, LockRequest lock)
        implements Command {
    public PutObject {
        lock = lock == null ? LockRequest.NONE : lock;
    }

    public PutObject(String bucket, String key, BlobRef blob, long size, String etag, ObjectMeta meta) {
        this(bucket, key, blob, size, etag, meta, LockRequest.NONE);
    }
}
