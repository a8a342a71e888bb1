package org.amber.lockd.command;

import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;

/** PutObject: the bytes are already written (not yet synced) at {@code blob}. */
public record PutObject(String bucket, String key, BlobRef blob, long size, String etag, ObjectMeta meta)
        implements Command {
}
