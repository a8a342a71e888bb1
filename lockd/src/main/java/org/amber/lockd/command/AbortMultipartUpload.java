package org.amber.lockd.command;

/** AbortMultipartUpload: the upload and its parts are dropped. */
public record AbortMultipartUpload(String bucket, String key, String uploadId) implements Command {
}
