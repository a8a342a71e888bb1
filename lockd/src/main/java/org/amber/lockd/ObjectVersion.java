package org.amber.lockd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a key: object data or a delete marker. Immutable; lock state (issue 4) will be
 * replaced wholesale, never mutated in place.
 *
 * <p>The bytes of a version written by one PUT are one {@code blob}; those of a version completed from
 * a multipart upload are its {@code parts}, in order, each in its own extent ({@code blob} is then null).
 *
 * @param seq the journal sequence of the command that created it; newer versions have larger ones
 * @param parts the parts of a multipart version, ascending; empty otherwise
 */
public record ObjectVersion(String key, String versionId, long seq, boolean deleteMarker, Instant lastModified,
                            long size, String etag, BlobRef blob, ObjectMeta meta, String owner, List<Part> parts,
                            org.amber.lockd.lock.ObjectLock lock) {

    public ObjectVersion {
        owner = SharedStrings.of(owner);
        parts = parts == null ? List.of() : List.copyOf(parts);
        lock = lock == null ? org.amber.lockd.lock.ObjectLock.NONE : lock;
    }

    /** A version with a single blob (or none) and no lock. */
    public ObjectVersion(String key, String versionId, long seq, boolean deleteMarker, Instant lastModified,
                         long size, String etag, BlobRef blob, ObjectMeta meta, String owner) {
        this(key, versionId, seq, deleteMarker, lastModified, size, etag, blob, meta, owner, List.of(), null);
    }

    /** A version with no lock. */
    public ObjectVersion(String key, String versionId, long seq, boolean deleteMarker, Instant lastModified,
                         long size, String etag, BlobRef blob, ObjectMeta meta, String owner, List<Part> parts) {
        this(key, versionId, seq, deleteMarker, lastModified, size, etag, blob, meta, owner, parts, null);
    }

    /** This version with another lock state; same id, time, bytes and Last-Modified (§1). */
    public ObjectVersion withLock(org.amber.lockd.lock.ObjectLock newLock) {
        return new ObjectVersion(key, versionId, seq, deleteMarker, lastModified, size, etag, blob, meta, owner, parts, newLock);
    }

    /** A delete marker: no data, no metadata. */
    public static ObjectVersion deleteMarker(String key, String versionId, long seq, Instant time, String owner) {
        return new ObjectVersion(key, versionId, seq, true, time, 0, null, null, ObjectMeta.NONE, owner);
    }

    /** This version with other metadata (only tags ever change); same id, time and bytes. */
    public ObjectVersion withMeta(ObjectMeta newMeta) {
        return new ObjectVersion(key, versionId, seq, deleteMarker, lastModified, size, etag, blob, newMeta, owner, parts, lock);
    }

    /** True for the version S3 calls "null": written while versioning was off or suspended. */
    public boolean isNullVersion() {
        return VersionIds.NULL.equals(versionId);
    }

    /** This version with every extent named in {@code moves} replaced; itself when none is. */
    public ObjectVersion relocated(java.util.Map<BlobRef, BlobRef> moves) {
        BlobRef newBlob = blob == null ? null : moves.getOrDefault(blob, blob);
        List<Part> newParts = CopyOnChange.map(parts, p -> p.relocated(moves));
        if (newBlob == blob && newParts == parts) {
            return this;
        }
        return new ObjectVersion(key, versionId, seq, deleteMarker, lastModified, size, etag, newBlob, meta, owner, newParts, lock);
    }

    /** True when the version was completed from a multipart upload. */
    public boolean multipart() {
        return !parts.isEmpty();
    }

    /** The extents that hold the bytes, in order; empty for a delete marker or an empty object. */
    public List<BlobRef> extents() {
        if (parts.isEmpty()) {
            return blob == null || blob.length() == 0 ? List.of() : List.of(blob);
        }
        List<BlobRef> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(p.blob());
        }
        return out;
    }
}
