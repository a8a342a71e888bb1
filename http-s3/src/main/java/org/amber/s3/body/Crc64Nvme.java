package org.amber.s3.body;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 calls CRC64NVME: reflected, polynomial 0x9a6c9329ac4bc9b5 in its
 * reversed form (0xad93d23594c93659 normal), initial value and final XOR all ones; the check value
 * of "123456789" is 0xae8b14860a799888. The JDK has no such class. Not thread-safe.
 */
public final class Crc64Nvme implements Checksum {
    private static final long POLY_REVERSED = 0x9a6c9329ac4bc9b5L;
    private static final long[] TABLE = table();
    private long crc = -1L;

    private static long[] table() {
        long[] t = new long[256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REVERSED : c >>> 1;
            }
            t[i] = c;
        }
        return t;
    }

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long c = crc;
        for (int i = off, end = off + len; i < end; i++) {
            c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
