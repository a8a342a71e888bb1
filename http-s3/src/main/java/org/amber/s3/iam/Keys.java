package org.amber.s3.iam;

import java.security.SecureRandom;

/** New access key ids, secret keys and entity ids, shaped as AWS's (e.g. {@code AKIA} + 16 base-32 characters). */
public final class Keys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Keys() {
    }

    /** {@code prefix} followed by {@code n} random base-32 characters. */
    public static String id(String prefix, int n) {
        return prefix + random(ID_CHARS, n);
    }

    /** A 40-character secret access key. */
    public static String secret() {
        return random(SECRET_CHARS, 40);
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
