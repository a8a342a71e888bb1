package org.amber.lockd.event;

import org.amber.lockd.Part;

/** UploadPart or UploadPartCopy: a part of an upload was stored, replacing any earlier one with its number. */
public record PartStored(String bucket, String uploadId, Part part) implements Event {
}
