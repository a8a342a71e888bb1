package org.amber.lockd;

/**
 * Compaction moved the bytes of {@code from} to {@code to}: the same bytes (same length and checksums)
 * at another place, so that {@code from}'s segment can be dropped.
 */
public record ExtentMove(BlobRef from, BlobRef to) {
    public ExtentMove {
        if (from.length() != to.length() || from.crc32c() != to.crc32c()
                || !java.util.Arrays.equals(from.chunkCrcs(), to.chunkCrcs())) {
            throw new IllegalArgumentException("a move must keep the bytes: " + from + " -> " + to);
        }
    }
}
