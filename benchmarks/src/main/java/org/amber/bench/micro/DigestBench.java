package org.amber.bench.micro;

import java.security.MessageDigest;
import java.util.Random;
import java.util.zip.CRC32C;
import org.amber.s3.body.Digests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One core hashing 1 MiB of a body: MD5 (a single PUT's ETag is the MD5 of its body, so every byte of
 * every single-stream PUT goes through it on one core, in order), SHA-256 (a signed payload) and CRC32C
 * (the blob checksums). {@code run.sh} turns the MD5 time into the MB/s one core can hash: the ceiling of
 * a single-stream PUT, next to the disk's and the loopback's.
 */
public class DigestBench extends MicroBench {
    static final int BYTES = 1 << 20;

    @Param({"MD5", "SHA-256", "CRC32C"})
    public String algorithm;

    private byte[] body;
    private MessageDigest digest;
    private final CRC32C crc = new CRC32C();

    @Setup
    public void setUp() {
        body = new byte[BYTES];
        new Random(7).nextBytes(body);
        digest = "CRC32C".equals(algorithm) ? null : Digests.of(algorithm);
    }

    @Benchmark
    public long hashOneMiB() {
        if (digest == null) {
            crc.reset();
            crc.update(body, 0, BYTES);
            return crc.getValue();
        }
        digest.update(body, 0, BYTES);
        byte[] d = digest.digest();
        return d[0] | d[d.length - 1] << 8;
    }
}
