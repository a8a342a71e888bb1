package org.amber.lockd;

import java.util.Comparator;

/**
 * The order S3 lists keys in: by their UTF-8 bytes. Java's {@code String.compareTo} orders UTF-16
 * code units, which puts supplementary characters before U+E000..U+FFFF; comparing code points
 * gives the UTF-8 byte order.
 */
public final class KeyOrder {
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
