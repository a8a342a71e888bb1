package org.amber.lockd;

import java.time.Instant;

/**
 * One version of a key: object data or a delete marker. Immutable; lock state (issue 4) will be
 * replaced wholesale, never mutated in place.
 *
 * @param seq the journal sequence of the command that created it; newer versions have larger ones
 */
public record ObjectVersion(String key, String versionId, long seq, boolean deleteMarker, Instant lastModified,
                            long size, String etag, BlobRef blob, ObjectMeta meta, String owner) {

    /** A delete marker: no data, no metadata. */
    public static ObjectVersion deleteMarker(String key, String versionId, long seq, Instant time, String owner) {
        return new ObjectVersion(key, versionId, seq, true, time, 0, null, null, ObjectMeta.NONE, owner);
    }

    /** This version with other metadata (only tags ever change); same id, time and bytes. */
    public ObjectVersion withMeta(ObjectMeta newMeta) {
        return new ObjectVersion(key, versionId, seq, deleteMarker, lastModified, size, etag, blob, newMeta, owner);
    }

    /** True for the version S3 calls "null": written while versioning was off or suspended. */
    public boolean isNullVersion() {
        return VersionIds.NULL.equals(versionId);
    }
}
