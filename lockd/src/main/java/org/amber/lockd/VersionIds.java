package org.amber.lockd;

/**
 * Version ids: opaque 26-character strings derived from the journal sequence of the command that
 * created the version, so they are unique across buckets and re-created buckets, and sort
 * lexicographically newest first (the order S3 lists versions of a key in).
 */
public final class VersionIds {
    /** S3's id for a version written while versioning was off or suspended. */
    public static final String NULL = "null";

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final int LENGTH = 26;

    private VersionIds() {
    }

    /** The id of the version created by the command with journal sequence {@code seq}. */
    public static String of(long seq) {
        if (seq <= 0) {
            throw new IllegalArgumentException("sequence must be positive: " + seq);
        }
        // Inverted so that ascending string order is descending sequence (newest first); the
        // second half is a mix of the sequence so consecutive ids do not look consecutive.
        return base32(Long.MAX_VALUE - seq, 13) + base32(mix(seq) & Long.MAX_VALUE, 13);
    }

    /** True if {@code id} is "null" or could have been produced by {@link #of}. */
    public static boolean isWellFormed(String id) {
        if (NULL.equals(id)) {
            return true;
        }
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'v')) {
                return false;
            }
        }
        return true;
    }

    private static String base32(long v, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (v & 31)];
            v >>>= 5;
        }
        return new String(out);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
