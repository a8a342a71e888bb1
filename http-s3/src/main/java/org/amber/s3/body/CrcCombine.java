package org.amber.s3.body;

/**
 * The CRC of two concatenated byte strings from the CRCs of each and the second's length, without the
 * bytes: how a FULL_OBJECT multipart checksum is made from the parts' checksums. Works for the
 * reflected CRCs whose initial value and final XOR are all ones (CRC32, CRC32C, CRC64NVME), by zlib's
 * method: the first CRC is advanced over {@code len2} zero bytes with GF(2) matrix powers.
 */
public final class CrcCombine {
    private final long poly;
    private final int width;

    /**
     * @param reflectedPoly the polynomial in reversed (LSB-first) form, e.g. 0xEDB88320 for CRC32
     * @param width         32 or 64
     */
    public CrcCombine(long reflectedPoly, int width) {
        this.poly = reflectedPoly;
        this.width = width;
    }

    public static final CrcCombine CRC32 = new CrcCombine(0xEDB88320L, 32);
    public static final CrcCombine CRC32C = new CrcCombine(0x82F63B78L, 32);
    public static final CrcCombine CRC64NVME = new CrcCombine(0x9a6c9329ac4bc9b5L, 64);

    /** CRC(A ‖ B) from CRC(A), CRC(B) and the length of B in bytes. */
    public long combine(long crc1, long crc2, long len2) {
        if (len2 <= 0) {
            return crc1;
        }
        long[] odd = new long[width];
        long[] even = new long[width];
        odd[0] = poly;
        long row = 1;
        for (int n = 1; n < width; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crc1;
        long len = len2;
        do {
            square(even, odd);
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return crc ^ crc2;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
        }
        return sum;
    }

    private void square(long[] out, long[] mat) {
        for (int n = 0; n < width; n++) {
            out[n] = times(mat, mat[n]);
        }
    }
}
