package org.amber.s3.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.PayloadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each checksum against known vectors, and a PUT whose checksum header is right, wrong or unreadable. */
class ChecksumAlgorithmTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    /**
     * The CRC catalogue's check values of "123456789" (CRC-32/ISO-HDLC cbf43926, CRC-32/ISCSI e3069283,
     * CRC-64/NVME ae8b14860a799888) and the SHA digests, in S3's base64 form.
     */
    static Stream<Arguments> checkValues() {
        return Stream.of(
                Arguments.of(ChecksumAlgorithm.CRC32, "y/Q5Jg=="),
                Arguments.of(ChecksumAlgorithm.CRC32C, "4waSgw=="),
                Arguments.of(ChecksumAlgorithm.CRC64NVME, "rosUhgp5mIg="),
                Arguments.of(ChecksumAlgorithm.SHA1, "98O8HYCOBHMq32eZZczDTKeuNEE="),
                Arguments.of(ChecksumAlgorithm.SHA256, "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkValues")
    void knownVectors(ChecksumAlgorithm a, String base64) {
        assertEquals(base64, digestOf(a, CHECK));
        assertEquals(a.size(), Base64.getDecoder().decode(base64).length);
    }

    /** Values computed with AWS's own CRC64-NVME, the pure-JS {@code @aws-sdk/crc64-nvme} of SDK for JavaScript v3. */
    @Test
    void crc64NvmeMatchesTheAwsSdkImplementation() {
        byte[] ramp = new byte[256 * 300];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) i;
        }
        assertEquals("AAAAAAAAAAA=", digestOf(ChecksumAlgorithm.CRC64NVME, new byte[0]));
        assertEquals("jC+ERbTL/Dw=", digestOf(ChecksumAlgorithm.CRC64NVME, "a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("onLQS/zLlvs=", digestOf(ChecksumAlgorithm.CRC64NVME,
                "hello world, this is a test body".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("rFHKImfqa+0=", digestOf(ChecksumAlgorithm.CRC64NVME, ramp));
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(CHECK, 0, CHECK.length);
        assertEquals(0xae8b14860a799888L, crc.getValue());
    }

    /** The table-driven CRC agrees with the bit-at-a-time definition, however the input is split. */
    @Test
    void crc64NvmeAgreesWithTheBitwiseDefinition() {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        long c = -1L;
        for (byte b : data) {
            c ^= b & 0xff;
            for (int i = 0; i < 8; i++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
            }
        }
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, 1);
        crc.update(data[1]);
        crc.update(data, 2, 4000);
        crc.update(data, 4002, data.length - 4002);
        assertEquals(~c, crc.getValue());
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void aRightHeaderIsVerifiedAndAWrongOneIsBadDigest(ChecksumAlgorithm a) {
        byte[] object = new byte[100_000];
        new Random(a.ordinal()).nextBytes(object);
        String right = digestOf(a, object);
        BodyRun.Result ok = BodyRun.run(unsigned(), Map.of(a.headerName(), List.of(right)), object, null);
        assertEquals(new VerifiedChecksum(a, right), ok.verified().checksum());
        assertEquals(a.headerName(), ok.verified().checksum().headerName());

        String wrong = digestOf(a, "not the body".getBytes(StandardCharsets.US_ASCII));
        S3Exception e = BodyRun.refused(S3Error.BAD_DIGEST, unsigned(), Map.of(a.headerName(), List.of(wrong)), object);
        assertEquals("The " + a.wireName() + " you specified did not match the calculated checksum.", e.getMessage());
        assertEquals("BadDigest", e.error().code());
        assertEquals(400, e.error().status());
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void anUnreadableHeaderIsInvalidRequest(ChecksumAlgorithm a) {
        for (String bad : List.of("bad", "not=base-64", "AAAA" + digestOf(a, CHECK))) {
            S3Exception e = BodyRun.refused(S3Error.INVALID_REQUEST, unsigned(), Map.of(a.headerName(), List.of(bad)), CHECK);
            assertEquals("Value for " + a.headerName() + " header is invalid.", e.getMessage());
        }
    }

    @Test
    void theChecksumIsCheckedAfterTheSignedSha256AndBeforeContentMd5() throws Exception {
        byte[] object = "the body".getBytes(StandardCharsets.US_ASCII);
        String wrongCrc = digestOf(ChecksumAlgorithm.CRC32, CHECK);
        byte[] wrongMd5 = java.security.MessageDigest.getInstance("MD5").digest(CHECK);
        AuthContext wrongSha = new AuthContext("AK", PayloadMode.SIGNED, "00".repeat(32), "20260115T123456Z",
                "20260115/us-east-1/s3/aws4_request", "0".repeat(64), new byte[32], false);
        Map<String, List<String>> crc = Map.of("x-amz-checksum-crc32", List.of(wrongCrc));
        S3Exception first = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                () -> BodyRun.run(wrongSha, crc, object, wrongMd5));
        assertEquals(S3Error.CONTENT_SHA256_MISMATCH, first.error());
        S3Exception second = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                () -> BodyRun.run(unsigned(), crc, object, wrongMd5));
        assertEquals(S3Error.BAD_DIGEST, second.error());
        assertTrue(second.getMessage().startsWith("The CRC32 "), second.getMessage());
        S3Exception third = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                () -> BodyRun.run(unsigned(), Map.of(), object, wrongMd5));
        assertEquals(S3Error.BAD_DIGEST.message(), third.getMessage());
    }

    @Test
    void decodeWantsPaddedBase64OfTheExactWidth() {
        assertArrayEquals(new byte[] {(byte) 0xcb, (byte) 0xf4, 0x39, 0x26}, ChecksumAlgorithm.CRC32.decode(" y/Q5Jg== ").orElseThrow());
        assertTrue(ChecksumAlgorithm.CRC32.decode("y/Q5Jg").isEmpty());
        assertTrue(ChecksumAlgorithm.CRC32.decode("rosUhgp5mIg=").isEmpty());
        assertTrue(ChecksumAlgorithm.CRC32.decode("").isEmpty());
    }

    static String digestOf(ChecksumAlgorithm a, byte[] data) {
        BodyHasher h = a.newHasher();
        h.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(h.digest());
    }

    static AuthContext unsigned() {
        return new AuthContext("AK", PayloadMode.UNSIGNED, null, "20260115T123456Z", "20260115/us-east-1/s3/aws4_request",
                "0".repeat(64), new byte[32], false);
    }
}
