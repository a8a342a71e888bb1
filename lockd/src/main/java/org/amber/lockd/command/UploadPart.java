package org.amber.lockd.command;

import java.util.Map;
import org.amber.lockd.BlobRef;

/** UploadPart or UploadPartCopy: the bytes are already written (not yet synced) at {@code blob}. */
public record UploadPart(String bucket, String key, String uploadId, int number, long size, String etag, BlobRef blob,
                         Map<String, String> checksums) implements Command {
}
