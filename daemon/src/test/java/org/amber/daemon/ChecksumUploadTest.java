package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** x-amz-checksum-* on PutObject against a real daemon: verified, echoed, and refused with nothing stored. */
class ChecksumUploadTest {
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static Daemon daemon;
    static RootCredentials root;
    static ChunkedS3.Recorder sent = new ChunkedS3.Recorder();
    static S3Client s3;
    static ChunkedS3 raw;

    @BeforeAll
    static void start() throws Exception {
        daemon = amber.daemon();
        root = amber.root();
        s3 = amber.track(ChunkedS3.defaultClient(daemon, root, sent));
        raw = new ChunkedS3(daemon.s3Port(), root);
        s3.createBucket(b -> b.bucket("sums"));
    }



    /** The SDK's own digest, base64 as S3 shows it. */
    static String sdkChecksum(software.amazon.awssdk.checksums.spi.ChecksumAlgorithm a, byte[] data) {
        SdkChecksum c = SdkChecksum.forAlgorithm(a);
        c.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(c.getChecksumBytes());
    }

    /** CRC-64/NVME by its bit-at-a-time definition (the SDK's needs the CRT, which is not on this classpath). */
    static String crc64nvme(byte[] data) {
        long c = -1L;
        for (byte b : data) {
            c ^= b & 0xff;
            for (int i = 0; i < 8; i++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x9a6c9329ac4bc9b5L : c >>> 1;
            }
        }
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(8).putLong(~c).array());
    }

    static Stream<Arguments> sdkAlgorithms() {
        return Stream.of(
                Arguments.of(ChecksumAlgorithm.SHA256, DefaultChecksumAlgorithm.SHA256),
                Arguments.of(ChecksumAlgorithm.CRC32_C, DefaultChecksumAlgorithm.CRC32C),
                Arguments.of(ChecksumAlgorithm.SHA1, DefaultChecksumAlgorithm.SHA1),
                Arguments.of(ChecksumAlgorithm.CRC32, DefaultChecksumAlgorithm.CRC32));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkAlgorithms")
    void theSdkSendsTheChosenChecksumAsATrailerAndItIsEchoed(ChecksumAlgorithm algorithm,
                                                            software.amazon.awssdk.checksums.spi.ChecksumAlgorithm sdk) {
        byte[] data = TestDaemons.randomBytes(1024 * 1024 + 3, 1024 * 1024 + 3);
        String key = "sdk-" + algorithm;
        PutObjectResponse put = s3.putObject(b -> b.bucket("sums").key(key).checksumAlgorithm(algorithm),
                RequestBody.fromBytes(data));
        String header = "x-amz-checksum-" + algorithm.toString().toLowerCase(java.util.Locale.ROOT);
        assertEquals(header, sent.header("x-amz-trailer"));
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", sent.header("x-amz-content-sha256"));
        assertEquals(sdkChecksum(sdk, data), echoed(put, algorithm));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("sums").key(key)).asByteArray());

        var withMode = s3.headObject(b -> b.bucket("sums").key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(echoed(put, algorithm), stored(withMode, algorithm), "stored and shown with x-amz-checksum-mode");
        assertEquals(null, stored(s3.headObject(b -> b.bucket("sums").key(key)), algorithm), "hidden unless asked");
        var attrs = s3.getObjectAttributes(b -> b.bucket("sums").key(key).objectAttributesWithStrings("ETag", "Checksum", "ObjectSize", "StorageClass"));
        assertEquals(put.eTag().replace("\"", ""), attrs.eTag());
        assertEquals((long) data.length, attrs.objectSize());
        assertEquals("STANDARD", attrs.storageClassAsString());
        assertEquals(echoed(put, algorithm), attributeChecksum(attrs.checksum(), algorithm));
        // With checksum mode on, the SDK itself checks the body it downloads against the stored checksum.
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("sums").key(key).checksumMode(ChecksumMode.ENABLED))
                .asByteArray());
    }

    private static String attributeChecksum(software.amazon.awssdk.services.s3.model.Checksum c, ChecksumAlgorithm a) {
        switch (a) {
            case CRC32:
                return c.checksumCRC32();
            case CRC32_C:
                return c.checksumCRC32C();
            case SHA1:
                return c.checksumSHA1();
            case SHA256:
                return c.checksumSHA256();
            default:
                return c.checksumCRC64NVME();
        }
    }

    private static String stored(software.amazon.awssdk.services.s3.model.HeadObjectResponse h, ChecksumAlgorithm a) {
        switch (a) {
            case CRC32:
                return h.checksumCRC32();
            case CRC32_C:
                return h.checksumCRC32C();
            case SHA1:
                return h.checksumSHA1();
            case SHA256:
                return h.checksumSHA256();
            default:
                return h.checksumCRC64NVME();
        }
    }

    /** Without the CRT the SDK cannot compute CRC64NVME itself, but it sends one an application computed. */
    @Test
    void crc64NvmeGivenByTheApplication() {
        byte[] data = TestDaemons.randomBytes(2 * 1024 * 1024 + 1, 2 * 1024 * 1024 + 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket("sums").key("sdk-crc64").checksumCRC64NVME(crc64nvme(data)),
                RequestBody.fromBytes(data));
        assertEquals(crc64nvme(data), sent.header("x-amz-checksum-crc64nvme"), "sent as a header");
        assertEquals("aws-chunked", sent.header("Content-Encoding"));
        assertEquals(crc64nvme(data), put.checksumCRC64NVME());
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("sums").key("sdk-crc64")).asByteArray());

        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("sums").key("sdk-crc64-bad")
                .checksumCRC64NVME(crc64nvme(new byte[1])), RequestBody.fromBytes(data)));
        assertEquals(400, e.statusCode());
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
        assertEquals("The CRC64NVME you specified did not match the calculated checksum.", e.awsErrorDetails().errorMessage());
        assertNotStored("sdk-crc64-bad");
    }

    static Stream<Arguments> headers() {
        byte[] data = TestDaemons.randomBytes(70_000, 70_000);
        byte[] other = "not the body".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("CRC32", sdkChecksum(DefaultChecksumAlgorithm.CRC32, data), sdkChecksum(DefaultChecksumAlgorithm.CRC32, other)),
                Arguments.of("CRC32C", sdkChecksum(DefaultChecksumAlgorithm.CRC32C, data), sdkChecksum(DefaultChecksumAlgorithm.CRC32C, other)),
                Arguments.of("CRC64NVME", crc64nvme(data), crc64nvme(other)),
                Arguments.of("SHA1", sdkChecksum(DefaultChecksumAlgorithm.SHA1, data), sdkChecksum(DefaultChecksumAlgorithm.SHA1, other)),
                Arguments.of("SHA256", sdkChecksum(DefaultChecksumAlgorithm.SHA256, data), sdkChecksum(DefaultChecksumAlgorithm.SHA256, other)));
    }

    /** The aws CLI's way: a plain signed body, the checksum and x-amz-sdk-checksum-algorithm as headers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void aChecksumHeaderRightIsEchoedAndWrongIsBadDigest(String algorithm, String right, String wrong) throws Exception {
        byte[] data = TestDaemons.randomBytes(70_000, 70_000);
        String header = "x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT);
        String key = "header-" + algorithm;
        RawS3.Reply ok = raw.putPlain("/sums/" + key, data, Map.of(header, right, "x-amz-sdk-checksum-algorithm", algorithm));
        assertEquals(200, ok.status(), ok.body());
        assertEquals(right, ok.header(header));
        assertEquals("FULL_OBJECT", ok.header("x-amz-checksum-type"));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("sums").key(key)).asByteArray());

        RawS3.Reply bad = raw.putPlain("/sums/" + key + "-bad", data, Map.of(header, wrong));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("<Code>BadDigest</Code>"), bad.body());
        assertTrue(bad.body().contains("<Message>The " + algorithm + " you specified did not match the calculated checksum.</Message>"),
                bad.body());
        assertNotStored(key + "-bad");
    }

    @Test
    void unreadableOrSeveralChecksumsAreInvalidRequest() throws Exception {
        byte[] data = TestDaemons.randomBytes(100, 100);
        RawS3.Reply unreadable = raw.putPlain("/sums/unreadable", data, Map.of("x-amz-checksum-crc32", "bad"));
        assertEquals(400, unreadable.status(), unreadable.body());
        assertTrue(unreadable.body().contains("<Code>InvalidRequest</Code>"), unreadable.body());
        assertTrue(unreadable.body().contains("<Message>Value for x-amz-checksum-crc32 header is invalid.</Message>"),
                unreadable.body());
        RawS3.Reply two = raw.putPlain("/sums/two", data, Map.of("x-amz-checksum-crc32", crc64nvme(data).substring(0, 8),
                "x-amz-checksum-sha1", sdkChecksum(DefaultChecksumAlgorithm.SHA1, data)));
        assertEquals(400, two.status(), two.body());
        assertTrue(two.body().contains(
                "<Message>Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.</Message>"), two.body());
        RawS3.Reply algorithmOnly = raw.putPlain("/sums/algorithm-only", data, Map.of("x-amz-sdk-checksum-algorithm", "CRC32"));
        assertEquals(400, algorithmOnly.status(), algorithmOnly.body());
        assertTrue(algorithmOnly.body().contains("<Code>InvalidRequest</Code>"), algorithmOnly.body());
        for (String key : new String[] {"unreadable", "two", "algorithm-only"}) {
            assertNotStored(key);
        }
    }

    @Test
    void contentMd5StillWorks() throws Exception {
        byte[] data = TestDaemons.randomBytes(5000, 5000);
        String md5 = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(data));
        assertEquals(200, raw.putPlain("/sums/md5", data, Map.of("Content-MD5", md5)).status());
        RawS3.Reply bad = raw.putPlain("/sums/md5-bad", data, Map.of("Content-MD5",
                Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("<Message>The Content-MD5 you specified did not match what we received.</Message>"),
                bad.body());
        assertNotStored("md5-bad");
    }

    static String echoed(PutObjectResponse put, ChecksumAlgorithm a) {
        switch (a) {
            case SHA256:
                return put.checksumSHA256();
            case SHA1:
                return put.checksumSHA1();
            case CRC32_C:
                return put.checksumCRC32C();
            case CRC64_NVME:
                return put.checksumCRC64NVME();
            default:
                return put.checksumCRC32();
        }
    }

    static void assertNotStored(String key) {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("sums").key(key)));
        assertEquals(404, e.statusCode());
        assertTrue(s3.listObjectVersions(b -> b.bucket("sums").prefix(key)).versions().isEmpty());
    }
}
