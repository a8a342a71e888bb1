package org.amber.s3.body;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fresh message digests, cloned from one prototype per algorithm: a JCA provider lookup per request
 * costs more than a small body's digest. The JDK's MD5, SHA-1 and SHA-256 are cloneable.
 */
public final class Digests {
    private static final ConcurrentHashMap<String, MessageDigest> PROTOTYPES = new ConcurrentHashMap<>();

    private Digests() {
    }

    /** A new digest of {@code algorithm}, which every JRE has (MD5, SHA-1, SHA-256). */
    public static MessageDigest of(String algorithm) {
        MessageDigest proto = PROTOTYPES.computeIfAbsent(algorithm, a -> {
            try {
                return MessageDigest.getInstance(a);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(a + " is required of every JRE", e);
            }
        });
        try {
            return (MessageDigest) proto.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(algorithm + " from " + proto.getProvider() + " cannot be cloned", e);
        }
    }

    /** The SHA-256 of {@code data}. */
    public static byte[] sha256(byte[] data) {
        return of("SHA-256").digest(data);
    }
}
