package org.amber.s3.body;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/** The additional checksums S3 verifies on upload, each named as in {@code x-amz-checksum-<name>}. */
public enum ChecksumAlgorithm {
    CRC32("CRC32", 4),
    CRC32C("CRC32C", 4),
    CRC64NVME("CRC64NVME", 8),
    SHA1("SHA1", 20),
    SHA256("SHA256", 32);

    /** Every checksum header starts with this; {@code -algorithm} and {@code -type} are not values. */
    public static final String HEADER_PREFIX = "x-amz-checksum-";

    private static final ChecksumAlgorithm[] ALL = values();
    private final String wireName;
    private final String headerName;
    private final int size;

    ChecksumAlgorithm(String wireName, int size) {
        this.wireName = wireName;
        // Made once: every PUT looks up each of its header names here.
        this.headerName = HEADER_PREFIX + wireName.toLowerCase(Locale.ROOT);
        this.size = size;
    }

    /** The name S3 and the SDKs use, e.g. {@code CRC32C} (also the value of x-amz-sdk-checksum-algorithm). */
    public String wireName() {
        return wireName;
    }

    /** The header (or trailer) that carries the value, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() {
        return headerName;
    }

    /** The digest's length in bytes. */
    public int size() {
        return size;
    }

    /** A new running digest for this algorithm. */
    public BodyHasher newHasher() {
        switch (this) {
            case CRC32:
                return BodyHasher.crc(new CRC32(), size);
            case CRC32C:
                return BodyHasher.crc(new CRC32C(), size);
            case CRC64NVME:
                return BodyHasher.crc(new Crc64Nvme(), size);
            case SHA1:
                return BodyHasher.jdk("SHA-1");
            default:
                return BodyHasher.jdk("SHA-256");
        }
    }

    /** Whether the algorithm is a CRC, whose checksums of parts combine into one of the whole object. */
    public boolean combinable() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    /** The checksum of {@code a ‖ b} from theirs and the length of {@code b} (CRCs only). */
    public byte[] combine(byte[] a, byte[] b, long lengthOfB) {
        CrcCombine c = this == CRC32 ? CrcCombine.CRC32 : this == CRC32C ? CrcCombine.CRC32C : CrcCombine.CRC64NVME;
        if (!combinable()) {
            throw new IllegalStateException(wireName + " checksums do not combine");
        }
        long v = c.combine(toLong(a), toLong(b), lengthOfB);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (v >>> (8 * (size - 1 - i)));
        }
        return out;
    }

    private static long toLong(byte[] bigEndian) {
        long v = 0;
        for (byte x : bigEndian) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /** The checksum of {@code bytes} in one go. */
    public byte[] of(byte[] bytes) {
        BodyHasher h = newHasher();
        h.update(bytes, 0, bytes.length);
        return h.digest();
    }

    /** The algorithm a lower-case header name carries, if it names one. */
    public static Optional<ChecksumAlgorithm> fromHeader(String lowerCaseName) {
        if (!lowerCaseName.startsWith(HEADER_PREFIX)) {
            return Optional.empty();
        }
        for (ChecksumAlgorithm a : ALL) {
            if (a.headerName().equals(lowerCaseName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm with this wire name, case-insensitively (clients send {@code crc32} and {@code CRC32}). */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        for (ChecksumAlgorithm a : ALL) {
            if (a.wireName.equalsIgnoreCase(name.trim())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The digest a value encodes: padded base64 of exactly {@link #size()} bytes, else empty. */
    public Optional<byte[]> decode(String value) {
        String v = value.trim();
        if (v.length() % 4 != 0) {
            return Optional.empty();
        }
        try {
            byte[] digest = Base64.getDecoder().decode(v);
            return digest.length == size ? Optional.of(digest) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** BadDigest in S3's words, e.g. "The CRC32 you specified did not match the calculated checksum." */
    public S3Exception mismatch() {
        return new S3Exception(S3Error.BAD_DIGEST,
                "The " + wireName + " you specified did not match the calculated checksum.");
    }
}
