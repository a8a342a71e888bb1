package org.amber.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Derives SigV4 signing keys, caching them because a key is valid for a whole day of requests. */
final class SigningKeys {

    /** Bounded so that a flood of distinct dates or regions cannot grow the heap; clearing is cheap to recover. */
    private static final int MAX_CACHED = 1024;
    private static final Map<CacheKey, byte[]> CACHE = new ConcurrentHashMap<>();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Looking a JCA provider up costs more than the HMAC itself: one instance per thread. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    });

    private record CacheKey(String secret, String date, String region, String service) {}

    private SigningKeys() {}

    /** HMAC("AWS4"+secret, date) → region → service → "aws4_request"; the caller gets a private copy. */
    static byte[] signingKey(String secret, Credential credential) {
        CacheKey key = new CacheKey(secret, credential.date(), credential.region(), credential.service());
        byte[] cached = CACHE.get(key);
        if (cached == null) {
            cached = derive(key);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(key, cached);
        }
        return cached.clone();
    }

    private static byte[] derive(CacheKey key) {
        byte[] k = hmac(("AWS4" + key.secret()).getBytes(StandardCharsets.UTF_8), key.date());
        k = hmac(k, key.region());
        k = hmac(k, key.service());
        return hmac(k, Credential.TERMINATOR);
    }

    /** HMAC-SHA256 of the UTF-8 bytes of {@code data}. */
    static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key of " + key.length + " bytes was refused", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code data}. */
    static String sha256Hex(String data) {
        return hex(SHA256.get().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lower-case hex, the form SigV4 signatures and hashes take. */
    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }
}
