package org.amber.lockd;

import java.util.Arrays;

/**
 * Where an object's bytes live: an extent of an append-only blob segment, with the CRC32C of the
 * whole blob and of each {@link #CHUNK}-byte chunk, so a read of any range can be verified.
 */
public record BlobRef(long segment, long offset, long length, int crc32c, int[] chunkCrcs) {
    /** Chunk size for the per-chunk checksums: reads verify whole chunks before sending any byte. */
    public static final int CHUNK = 1 << 20;

    /** The blob of an empty object: no extent at all. */
    public static final BlobRef EMPTY = new BlobRef(-1, 0, 0, 0, new int[0]);

    public BlobRef {
        chunkCrcs = chunkCrcs.clone();
        if (chunkCrcs.length != chunkCount(length)) {
            throw new IllegalArgumentException("expected " + chunkCount(length) + " chunk checksums, got " + chunkCrcs.length);
        }
    }

    /** Number of chunks a blob of {@code length} bytes has. */
    public static int chunkCount(long length) {
        return (int) ((length + CHUNK - 1) / CHUNK);
    }

    @Override
    public int[] chunkCrcs() {
        return chunkCrcs.clone();
    }

    /** The checksum of chunk {@code i}. */
    public int chunkCrc(int i) {
        return chunkCrcs[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobRef b && b.segment == segment && b.offset == offset && b.length == length
                && b.crc32c == crc32c && Arrays.equals(b.chunkCrcs, chunkCrcs);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(segment) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "BlobRef[segment=" + segment + ", offset=" + offset + ", length=" + length + ", crc32c=" + Integer.toHexString(crc32c) + "]";
    }
}
