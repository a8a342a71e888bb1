package org.amber.lockd.command;

import java.util.List;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.Part;

/**
 * CompleteMultipartUpload. The protocol layer has checked the client's list against the parts it saw
 * and computed the ETag and checksums; the decision only confirms that each of {@code parts} is still
 * the upload's current part with its number (a concurrent re-upload makes it InvalidPart).
 *
 * @param meta the upload's metadata with the object's checksum headers added
 */
public record CompleteMultipartUpload(String bucket, String key, String uploadId, List<Part> parts, long size,
                                      String etag, ObjectMeta meta) implements Command {
    public CompleteMultipartUpload {
        parts = List.copyOf(parts);
    }
}
