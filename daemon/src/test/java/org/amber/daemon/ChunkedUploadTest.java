package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** aws-chunked uploads, as the AWS SDK for Java v2 sends them by default, against a real daemon. */
class ChunkedUploadTest {
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
        s3.createBucket(b -> b.bucket("chunked"));
    }



    static String crc32(byte[] data) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(data);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 64 * 1024 + 1, 9 * 1024 * 1024})
    void sdkDefaultsUploadAwsChunkedWithACrc32TrailerAndReadBackIdentical(int size) throws Exception {
        byte[] data = TestDaemons.randomBytes(size, size);
        String key = "sdk-default-" + size;
        PutObjectResponse put = s3.putObject(b -> b.bucket("chunked").key(key), RequestBody.fromBytes(data));
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", sent.header("x-amz-content-sha256"));
        assertEquals("x-amz-checksum-crc32", sent.header("x-amz-trailer"));
        assertEquals("aws-chunked", sent.header("Content-Encoding"));
        assertEquals(crc32(data), put.checksumCRC32(), "S3 echoes the checksum it verified");
        assertEquals("\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"", put.eTag());

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("chunked").key(key));
        assertArrayEquals(data, got.asByteArray());
        assertNull(got.response().contentEncoding(), "aws-chunked is how it travelled, not how it is stored");
    }

    @Test
    void aStreamOfUnknownLengthToo() {
        byte[] data = TestDaemons.randomBytes(300_000, 300_000);
        s3.putObject(b -> b.bucket("chunked").key("stream"), RequestBody.fromInputStream(new ByteArrayInputStream(data), data.length));
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", sent.header("x-amz-content-sha256"));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("chunked").key("stream")).asByteArray());
    }

    @Test
    void aTamperedChunkSignatureIs403AndStoresNothing() throws Exception {
        byte[] data = TestDaemons.randomBytes(100_000, 100_000);
        RawS3.Reply r = raw.putChunked("/chunked/tampered-signature", data, true, DefaultChecksumAlgorithm.CRC32,
                flipAfter("chunk-signature=", 7));
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("<Code>SignatureDoesNotMatch</Code>"), r.body());
        assertNotStored("tampered-signature");
    }

    @Test
    void aChunkChangedInTransitIs403AndStoresNothing() throws Exception {
        byte[] data = TestDaemons.randomBytes(100_000, 100_000);
        RawS3.Reply r = raw.putChunked("/chunked/tampered-data", data, true, null, body -> {
            byte[] copy = body.clone();
            copy[copy.length / 2] ^= 1;
            return copy;
        });
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("<Code>SignatureDoesNotMatch</Code>"), r.body());
        assertNotStored("tampered-data");
    }

    @Test
    void aTamperedTrailerSignatureIs403AndStoresNothing() throws Exception {
        RawS3.Reply r = raw.putChunked("/chunked/tampered-trailer", TestDaemons.randomBytes(1000, 1000), true, DefaultChecksumAlgorithm.CRC32,
                flipAfter("x-amz-trailer-signature:", 3));
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("<Code>SignatureDoesNotMatch</Code>"), r.body());
        assertNotStored("tampered-trailer");
    }

    @Test
    void aTruncatedChunkedBodyIsIncompleteBodyAndStoresNothing() throws Exception {
        RawS3.Reply r = raw.putChunked("/chunked/truncated", TestDaemons.randomBytes(100_000, 100_000), true, DefaultChecksumAlgorithm.CRC32,
                body -> java.util.Arrays.copyOf(body, 50_000));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("<Code>IncompleteBody</Code>"), r.body());
        assertNotStored("truncated");
    }

    @Test
    void unsignedChunksWithATrailerAreAcceptedAndAWrongTrailerIsBadDigest() throws Exception {
        byte[] data = TestDaemons.randomBytes(200_000, 200_000);
        RawS3.Reply ok = raw.putChunked("/chunked/unsigned", data, false, DefaultChecksumAlgorithm.CRC32, UnaryOperator.identity());
        assertEquals(200, ok.status(), ok.body());
        assertEquals(crc32(data), ok.header("x-amz-checksum-crc32"));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("chunked").key("unsigned")).asByteArray());

        String wrong = crc32("not the body".getBytes(StandardCharsets.US_ASCII));
        RawS3.Reply bad = raw.putChunked("/chunked/unsigned-bad", data, false, DefaultChecksumAlgorithm.CRC32, body ->
                latin1(body).replace("x-amz-checksum-crc32:" + crc32(data), "x-amz-checksum-crc32:" + wrong)
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("<Code>BadDigest</Code>"), bad.body());
        assertTrue(bad.body().contains("<Message>The CRC32 you specified did not match the calculated checksum.</Message>"), bad.body());
        assertNotStored("unsigned-bad");
    }

    @Test
    void signedChunksWithoutATrailer() throws Exception {
        byte[] data = TestDaemons.randomBytes(200_000, 200_000);
        RawS3.Reply ok = raw.putChunked("/chunked/signed-plain", data, true, null, UnaryOperator.identity());
        assertEquals(200, ok.status(), ok.body());
        assertNull(ok.header("x-amz-checksum-crc32"));
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("chunked").key("signed-plain")).asByteArray());
    }

    static void assertNotStored(String key) {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("chunked").key(key)));
        assertEquals(404, e.statusCode());
        assertTrue(s3.listObjectVersions(b -> b.bucket("chunked").prefix(key)).versions().isEmpty());
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Changes one hex digit {@code offset} characters after the first {@code marker} of the encoded body. */
    static UnaryOperator<byte[]> flipAfter(String marker, int offset) {
        return body -> {
            String s = latin1(body);
            int p = s.indexOf(marker) + marker.length() + offset;
            return (s.substring(0, p) + (s.charAt(p) == '0' ? '1' : '0') + s.substring(p + 1))
                    .getBytes(StandardCharsets.ISO_8859_1);
        };
    }
}
