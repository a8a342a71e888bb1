package org.amber.daemon;

import java.security.SecureRandom;

/**
 * The root account's access key pair, either given (environment) or generated at first start.
 *
 * @param generated true when Amber made the pair up and so must show it once
 */
public record RootCredentials(String accessKeyId, String secretKey, boolean generated) {
    public static final String ACCESS_ENV = "AMBER_ROOT_ACCESS_KEY";
    public static final String SECRET_ENV = "AMBER_ROOT_SECRET_KEY";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** From {@code AMBER_ROOT_ACCESS_KEY}/{@code AMBER_ROOT_SECRET_KEY} if both are set, else random. */
    public static RootCredentials fromEnvOrGenerate(java.util.Map<String, String> env) {
        String ak = env.get(ACCESS_ENV);
        String sk = env.get(SECRET_ENV);
        if (ak != null && !ak.isBlank() && sk != null && !sk.isBlank()) {
            return new RootCredentials(ak.trim(), sk.trim(), false);
        }
        return new RootCredentials("AMBR" + random(KEY_CHARS, 16), random(SECRET_CHARS, 40), true);
    }

    private static String random(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "RootCredentials[" + accessKeyId + ", secret hidden]";
    }
}
