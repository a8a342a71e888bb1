package org.amber.lockd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The versions of one key, newest first. Immutable: the writer swaps in a new instance. */
public record KeyVersions(List<ObjectVersion> newestFirst) {
    public KeyVersions {
        newestFirst = List.copyOf(newestFirst);
    }

    /** The current version (possibly a delete marker). */
    public ObjectVersion latest() {
        return newestFirst.get(0);
    }

    public Optional<ObjectVersion> find(String versionId) {
        for (ObjectVersion v : newestFirst) {
            if (v.versionId().equals(versionId)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** These versions with {@code v} added as the newest (replacing one with the same id). */
    KeyVersions with(ObjectVersion v) {
        List<ObjectVersion> next = new ArrayList<>(newestFirst.size() + 1);
        next.add(v);
        for (ObjectVersion old : newestFirst) {
            if (!old.versionId().equals(v.versionId())) {
                next.add(old);
            }
        }
        return new KeyVersions(next);
    }

    /** These versions with {@code v} in place of the version with its id, keeping the order. */
    KeyVersions replaced(ObjectVersion v) {
        List<ObjectVersion> next = new ArrayList<>(newestFirst);
        next.replaceAll(old -> old.versionId().equals(v.versionId()) ? v : old);
        return new KeyVersions(next);
    }

    /** These versions with their extents moved; itself when none moved. */
    KeyVersions relocated(java.util.Map<BlobRef, BlobRef> moves) {
        List<ObjectVersion> next = CopyOnChange.map(newestFirst, v -> v.relocated(moves));
        return next == newestFirst ? this : new KeyVersions(next);
    }

    /** These versions without {@code versionId}; null when none would be left. */
    KeyVersions without(String versionId) {
        List<ObjectVersion> next = new ArrayList<>(newestFirst);
        next.removeIf(v -> v.versionId().equals(versionId));
        return next.isEmpty() ? null : new KeyVersions(next);
    }
}
