package org.amber.lockd;

import java.util.Comparator;

/**
 * The order S3 lists keys in: by their UTF-8 bytes. Java's {@code String.compareTo} orders UTF-16
 * code units, which puts supplementary characters (surrogate pairs) before U+E000..U+FFFF; UTF-8
 * byte order is code point order. Char by char that differs only where exactly one of the two
 * first differing chars is a surrogate: its code point is above U+FFFF, so it sorts last.
 */
public final class KeyOrder {
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                if (xs == Character.isSurrogate(y)) {
                    return x - y;
                }
                return xs ? 1 : -1;
            }
        }
        return a.length() - b.length();
    }
}
