package org.amber.lockd;

/**
 * How a {@link Store} holds each bucket's keys.
 * <ul>
 * <li>{@link #ORDERED}: a skip list in S3 listing order (UTF-8 bytes). The published state, which
 * listings read, needs it.</li>
 * <li>{@link #HASHED}: a hash map. The decide stage only looks keys up, one at a time; in a skip list of a
 * million keys each lookup is some forty cache-missing key comparisons, in a hash map one or two misses.
 * Such a state cannot list keys in order or make an image.</li>
 * </ul>
 */
public enum KeyIndex {
    ORDERED,
    HASHED
}
