package org.amber.s3.body;

import java.security.MessageDigest;
import java.util.zip.Checksum;

/** A running digest of object bytes whose result is the big-endian bytes S3 shows in base64. Not thread-safe. */
public interface BodyHasher {
    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    void update(byte[] b, int off, int len);

    /** The digest of everything added; call once. */
    byte[] digest();

    /** A CRC whose value is the low {@code bytes} bytes of {@link Checksum#getValue()}, most significant first. */
    static BodyHasher crc(Checksum crc, int bytes) {
        return new BodyHasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                crc.update(b, off, len);
            }

            @Override
            public byte[] digest() {
                long v = crc.getValue();
                byte[] out = new byte[bytes];
                for (int i = 0; i < bytes; i++) {
                    out[i] = (byte) (v >>> (8 * (bytes - 1 - i)));
                }
                return out;
            }
        };
    }

    /** A JDK message digest such as {@code SHA-256}; every JRE has MD5, SHA-1 and SHA-256. */
    static BodyHasher jdk(String algorithm) {
        MessageDigest md = Digests.of(algorithm);
        return new BodyHasher() {
            @Override
            public void update(byte[] b, int off, int len) {
                md.update(b, off, len);
            }

            @Override
            public byte[] digest() {
                return md.digest();
            }
        };
    }
}
