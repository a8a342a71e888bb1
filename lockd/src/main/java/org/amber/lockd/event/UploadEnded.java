package org.amber.lockd.event;

/**
 * An upload ended: completed (the same record stores the version made of its parts) or aborted. The
 * extents of parts no version references are then dead and may be reclaimed.
 */
public record UploadEnded(String bucket, String uploadId) implements Event {
}
