package org.amber.s3.body;

import static org.amber.s3.body.BodyRun.crc32;
import static org.amber.s3.body.BodyRun.data;
import static org.amber.s3.body.BodyRun.edit;
import static org.amber.s3.body.ChunkedSigning.unsignedChunked;
import static org.amber.s3.body.ChunkedSigning.unsignedTrailerAuth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.auth.AuthContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aws-chunked framing, lengths and trailers, on bodies framed by hand (unsigned chunks). The cases and
 * S3's answers follow OpenStack Swift's {@code test/s3api/test_input_errors.py}, which was run against AWS.
 */
class AwsChunkedFramingTest {
    @Test
    void aDecodedLengthShorterThanTheChunksCountsTheBytes() {
        byte[] object = data(20_000);
        byte[] body = unsignedChunked(object, 8192, "");
        S3Exception e = BodyRun.refused(S3Error.INCOMPLETE_BODY, unsignedTrailerAuth(), BodyRun.unsignedHeaders(19_999, null), body);
        assertEquals(S3Error.INCOMPLETE_BODY.message(), e.getMessage());
        assertEquals(Map.of("NumberBytesExpected", "19999", "NumberBytesProvided", "20000"), e.extra());
    }

    @Test
    void aDecodedLengthLongerThanTheChunksCountsTheBytes() {
        byte[] body = unsignedChunked(data(20_000), 8192, "");
        S3Exception e = BodyRun.refused(S3Error.INCOMPLETE_BODY, unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_001, null), body);
        assertEquals(Map.of("NumberBytesExpected", "20001", "NumberBytesProvided", "20000"), e.extra());
    }

    /** AWS, as versitygw's issue 1683 records it: the chunk that follows a short one is refused, naming both. */
    @Test
    void onlyTheLastDataChunkMayBeShorterThan8KiB() {
        byte[] object = data(20_000);
        S3Exception e = BodyRun.refused(S3Error.INVALID_CHUNK_SIZE, unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, null),
                unsignedChunked(object, 8191, ""));
        assertEquals(400, e.error().status());
        assertEquals(Map.of("Chunk", "2", "BadChunkSize", "8191"), e.extra());
        assertArrayEquals(object, BodyRun.run(unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, null),
                unsignedChunked(object, 8192, ""), null).data(), "8 KiB chunks and a short last one are fine");
        assertArrayEquals(object, BodyRun.run(unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, null),
                unsignedChunked(object, 20_000, ""), null).data(), "one chunk of any size is fine");
    }

    @Test
    void aZeroChunkMidStreamEndsTheBody() {
        byte[] object = data(100);
        String framed = "4\r\n" + new String(object, 0, 4, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        S3Exception e = BodyRun.refused(S3Error.INCOMPLETE_BODY, unsignedTrailerAuth(), BodyRun.unsignedHeaders(100, null),
                framed.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(Map.of("NumberBytesExpected", "100", "NumberBytesProvided", "4"), e.extra());
    }

    @Test
    void theDecodedLengthHeaderIsRequired() {
        Map<String, List<String>> h = BodyRun.unsignedHeaders(1, null);
        h.remove(IncomingBody.DECODED_LENGTH);
        assertEquals(411, BodyRun.refused(S3Error.MISSING_CONTENT_LENGTH, unsignedTrailerAuth(), h, new byte[0]).error().status());
        h.put(IncomingBody.DECODED_LENGTH, List.of("ten"));
        BodyRun.refused(S3Error.MISSING_CONTENT_LENGTH, unsignedTrailerAuth(), h, new byte[0]);
        h.put(IncomingBody.DECODED_LENGTH, List.of("-1"));
        BodyRun.refused(S3Error.INVALID_ARGUMENT, unsignedTrailerAuth(), h, new byte[0]);
    }

    @Test
    void aPresignedUrlCannotCarryAStreamingPayload() {
        AuthContext a = unsignedTrailerAuth();
        AuthContext presigned = new AuthContext(a.accessKeyId(), a.payload(), null, a.amzDate(), a.scope(),
                a.seedSignature(), a.signingKey(), true);
        BodyRun.refused(S3Error.CONTENT_SHA256_MISMATCH, presigned, BodyRun.unsignedHeaders(0, null), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void unsignedBodiesMayEndRightAfterTheFinalChunkOrTrailer() {
        byte[] object = data(20_000);
        byte[] bare = unsignedChunked(object, 8192, "");
        byte[] noFinalCrlf = java.util.Arrays.copyOf(bare, bare.length - 2);
        assertArrayEquals(object, BodyRun.run(unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, null), noFinalCrlf, null).data());
        String crc = crc32(object);
        byte[] spacedTrailerNoBlankLine = edit(unsignedChunked(object, 8192, "x-amz-checksum-crc32: " + crc + "\r\n"),
                s -> s.substring(0, s.length() - 2));
        BodyRun.Result r = BodyRun.run(unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, "x-amz-checksum-crc32"), spacedTrailerNoBlankLine, null);
        assertEquals(crc, r.verified().checksum().base64());
    }

    static Stream<Arguments> brokenTrailers() {
        byte[] object = data(20_000);
        String right = "x-amz-checksum-crc32:" + crc32(object) + "\r\n";
        return Stream.of(
                Arguments.of("a wrong checksum", "x-amz-checksum-crc32:AAAAAA==\r\n", S3Error.BAD_DIGEST,
                        "The CRC32 you specified did not match the calculated checksum."),
                Arguments.of("a checksum that is not base64", "x-amz-checksum-crc32:not=base-64\r\n", S3Error.INVALID_REQUEST,
                        "Value for x-amz-checksum-crc32 trailing header is invalid."),
                Arguments.of("a checksum of the wrong width", "x-amz-checksum-crc32:AAAAAAAA\r\n", S3Error.INVALID_REQUEST,
                        "Value for x-amz-checksum-crc32 trailing header is invalid."),
                Arguments.of("no trailer", "", S3Error.MALFORMED_TRAILER, S3Error.MALFORMED_TRAILER.message()),
                Arguments.of("another trailer", "x-amz-checksum-sha256:" + crc32(object) + "\r\n", S3Error.MALFORMED_TRAILER,
                        S3Error.MALFORMED_TRAILER.message()),
                Arguments.of("an extra trailer", right + "bonus: trailer\r\n", S3Error.MALFORMED_TRAILER,
                        S3Error.MALFORMED_TRAILER.message()),
                Arguments.of("a blank line before the trailer", "\r\n" + right, S3Error.MALFORMED_TRAILER,
                        S3Error.MALFORMED_TRAILER.message()),
                Arguments.of("a trailer line without CR", right.replace("\r\n", "\n"), S3Error.INCOMPLETE_BODY,
                        ChunkWire.TERMINATED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTrailers")
    void brokenUnsignedTrailersAreRefused(String name, String trailerLines, S3Error expected, String message) {
        byte[] object = data(20_000);
        byte[] body = unsignedChunked(object, 8192, trailerLines);
        S3Exception e = BodyRun.refused(expected, unsignedTrailerAuth(), BodyRun.unsignedHeaders(20_000, "x-amz-checksum-crc32"), body);
        assertEquals(message, e.getMessage());
    }

    @Test
    void anOverlongLineIsRefusedWithoutReadingOn() {
        CountingStream endless = new CountingStream();
        S3Exception e = assertThrows(S3Exception.class,
                () -> BodyRun.run(unsignedTrailerAuth(), BodyRun.unsignedHeaders(10, null), -1, endless, null));
        assertEquals(S3Error.INCOMPLETE_BODY, e.error());
        assertTrue(endless.served < ChunkWire.MAX_LINE + 16 * 1024, "read " + endless.served + " bytes");
    }

    @Test
    void aHugeAnnouncedChunkIsStreamedNotBuffered() throws Exception {
        CountingStream endless = new CountingStream();
        endless.prefix = "40000000\r\n".getBytes(StandardCharsets.US_ASCII);
        long oneGiB = 1L << 30;
        IncomingBody body = IncomingBody.of(unsignedTrailerAuth(), BodyRun.unsignedHeaders(oneGiB, null), -1, () -> endless);
        byte[] buf = new byte[65536];
        InputStream in = body.stream();
        long read = 0;
        while (read < 8 * buf.length) {
            read += in.read(buf, 0, buf.length);
        }
        assertTrue(endless.served < read + 16 * 1024, "the decoder hands bytes on as they come");
    }

    /** An endless body of 'a' (after an optional prefix) that counts what it served. */
    static final class CountingStream extends InputStream {
        byte[] prefix = new byte[0];
        long served;

        @Override
        public int read() {
            byte[] one = new byte[1];
            read(one, 0, 1);
            return one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, 4096);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (served < prefix.length ? prefix[(int) served] : 'a');
                served++;
            }
            return n;
        }
    }
}
