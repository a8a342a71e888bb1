package org.amber.lockd;

/**
 * Compaction moved the bytes of {@code from} to {@code to}: the same bytes (same length and checksums)
 * at another place, so that {@code from}'s segment can be dropped. {@code bucket} and {@code key} name the
 * object (its versions, or its uploads in progress) that references {@code from}, so that applying the
 * move touches that key only; both are null in moves journaled before owners were recorded, which make
 * the state look everywhere.
 */
public record ExtentMove(BlobRef from, BlobRef to, String bucket, String key) {
    public ExtentMove {
        if (from.length() != to.length() || from.crc32c() != to.crc32c()
                || !java.util.Arrays.equals(from.chunkCrcs(), to.chunkCrcs())) {
            throw new IllegalArgumentException("a move must keep the bytes: " + from + " -> " + to);
        }
        if ((bucket == null) != (key == null)) {
            throw new IllegalArgumentException("a move names both the bucket and the key of its owner, or neither");
        }
    }

    /** A move whose owner is not known: applying it searches every bucket. */
    public ExtentMove(BlobRef from, BlobRef to) {
        this(from, to, null, null);
    }

    public boolean ownerKnown() {
        return bucket != null;
    }
}
