package org.amber.lockd.command;

import org.amber.lockd.ObjectMeta;

/** CreateMultipartUpload; the checksum fields are null when the client asked for none. */
public record CreateMultipartUpload(String bucket, String key, ObjectMeta meta, String checksumAlgorithm,
                                    String checksumType) implements Command {
}
