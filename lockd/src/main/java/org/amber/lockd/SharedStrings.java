package org.amber.lockd;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance of the strings that repeat across versions: owners, content types, header and
 * metadata names, a few header values. A million versions otherwise hold a million copies of
 * "x-amz-checksum-type" and "binary/octet-stream". Bounded: once full, strings are returned as they are.
 */
final class SharedStrings {
    private static final int MAX_ENTRIES = 16_384;
    private static final int MAX_LENGTH = 128;
    private static final ConcurrentHashMap<String, String> POOL = new ConcurrentHashMap<>();

    private SharedStrings() {
    }

    /** The shared instance equal to {@code s}; {@code s} itself if it is long, new and the pool is full, or null. */
    static String of(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return s;
        }
        String shared = POOL.get(s);
        if (shared != null) {
            return shared;
        }
        if (POOL.size() >= MAX_ENTRIES) {
            return s;
        }
        shared = POOL.putIfAbsent(s, s);
        return shared == null ? s : shared;
    }
}
