package org.amber.s3.body;

import static org.amber.s3.body.BodyRun.data;
import static org.amber.s3.body.BodyRun.edit;
import static org.amber.s3.body.ChunkedSigning.sign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.PayloadMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/** aws-chunked bodies as the AWS SDK v2 signer frames them, decoded; and every way one can be broken. */
class AwsChunkedDecoderTest {
    private static final int BIG = 300_000;

    static Stream<Arguments> sdkBodies() {
        return Stream.of(
                Arguments.of("signed, no trailer, empty", 0, true, null, PayloadMode.STREAMING_SIGNED),
                Arguments.of("signed, no trailer, 1 B", 1, true, null, PayloadMode.STREAMING_SIGNED),
                Arguments.of("signed, no trailer, 64 KiB+1", 65537, true, null, PayloadMode.STREAMING_SIGNED),
                Arguments.of("signed, no trailer, 3 chunks", BIG, true, null, PayloadMode.STREAMING_SIGNED),
                Arguments.of("signed, CRC32 trailer, empty", 0, true, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("signed, CRC32 trailer, 1 B", 1, true, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("signed, CRC32 trailer, 3 chunks", BIG, true, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("signed, CRC32C trailer", 65537, true, DefaultChecksumAlgorithm.CRC32C,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("signed, SHA1 trailer", 65537, true, DefaultChecksumAlgorithm.SHA1,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("signed, SHA256 trailer", 65537, true, DefaultChecksumAlgorithm.SHA256,
                        PayloadMode.STREAMING_SIGNED_TRAILER),
                Arguments.of("unsigned, CRC32 trailer, empty", 0, false, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_UNSIGNED_TRAILER),
                Arguments.of("unsigned, CRC32 trailer, 1 B", 1, false, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_UNSIGNED_TRAILER),
                Arguments.of("unsigned, CRC32 trailer, 3 chunks", BIG, false, DefaultChecksumAlgorithm.CRC32,
                        PayloadMode.STREAMING_UNSIGNED_TRAILER),
                Arguments.of("unsigned, CRC32C trailer", 1000, false, DefaultChecksumAlgorithm.CRC32C,
                        PayloadMode.STREAMING_UNSIGNED_TRAILER),
                Arguments.of("unsigned, SHA256 trailer", 1000, false, DefaultChecksumAlgorithm.SHA256,
                        PayloadMode.STREAMING_UNSIGNED_TRAILER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkBodies")
    void sdkBodiesDecodeToTheObjectBytes(String name, int size, boolean signed, ChecksumAlgorithm checksum,
                                         PayloadMode mode) {
        byte[] object = data(size);
        ChunkedSigning.Wire w = sign(object, signed, checksum);
        AuthContext auth = w.auth();
        assertEquals(mode, auth.payload());
        BodyRun.Result r = BodyRun.run(auth, w.headers(), w.body(), null);
        assertArrayEquals(object, r.data());
        if (checksum == null) {
            assertNull(r.verified().checksum());
        } else {
            SdkChecksum sdk = SdkChecksum.forAlgorithm(checksum);
            sdk.update(object, 0, object.length);
            assertEquals(checksum.algorithmId(), r.verified().checksum().algorithm().wireName());
            assertEquals(Base64.getEncoder().encodeToString(sdk.getChecksumBytes()), r.verified().checksum().base64());
        }
    }

    /** Changes the hex digit at {@code offset} after the n-th (0-based) occurrence of {@code marker}. */
    static UnaryOperator<String> flipAfter(String marker, int nth, int offset) {
        return s -> {
            int at = -1;
            for (int i = 0; i <= nth; i++) {
                at = s.indexOf(marker, at + 1);
            }
            int p = at + marker.length() + offset;
            char c = s.charAt(p) == '0' ? '1' : '0';
            return s.substring(0, p) + c + s.substring(p + 1);
        };
    }

    static Stream<Arguments> brokenSignedBodies() {
        return Stream.of(
                Arguments.of("a chunk data byte changed", (UnaryOperator<String>) s -> {
                    int p = s.indexOf("\r\n") + 2 + 1000;
                    return s.substring(0, p) + (char) (s.charAt(p) ^ 1) + s.substring(p + 1);
                }, S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("first chunk signature changed", flipAfter("chunk-signature=", 0, 5),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("a middle chunk signature changed", flipAfter("chunk-signature=", 1, 63),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("final chunk signature changed", flipAfter("chunk-signature=", 3, 0),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("trailer signature changed", flipAfter("x-amz-trailer-signature:", 0, 10),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("trailer checksum changed (the trailer signature covers it)",
                        (UnaryOperator<String>) s -> s.replaceFirst("x-amz-checksum-crc32:....", "x-amz-checksum-crc32:AAAA"),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("body cut inside a chunk", (UnaryOperator<String>) s -> s.substring(0, 150_000),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("body cut before the trailer signature",
                        (UnaryOperator<String>) s -> s.substring(0, s.indexOf("x-amz-trailer-signature:")),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("no final chunk", (UnaryOperator<String>) s -> s.substring(0, s.lastIndexOf("0;chunk-signature=")),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("bad hex size", (UnaryOperator<String>) s -> "zz" + s.substring(s.indexOf(';')),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("negative size", (UnaryOperator<String>) s -> "-" + s, S3Error.INCOMPLETE_BODY),
                Arguments.of("size larger than the decoded length", (UnaryOperator<String>) s -> "fffff" + s.substring(s.indexOf(';')),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("chunk data not followed by CRLF", (UnaryOperator<String>) s -> s.replaceFirst("\r\n(\\p{XDigit}+;)", "\n$1"),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("chunk header without CR", (UnaryOperator<String>) s -> s.replaceFirst("\r\n", "\n"),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("no chunk signature", (UnaryOperator<String>) s -> s.replaceFirst(";chunk-signature=\\p{XDigit}{64}", ""),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("empty chunk signature", (UnaryOperator<String>) s -> s.replaceFirst("chunk-signature=\\p{XDigit}{64}", "chunk-signature="),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("an extension after the signature", (UnaryOperator<String>) s -> s.replaceFirst("(chunk-signature=\\p{XDigit}{64})", "$1;x=y"),
                        S3Error.INCOMPLETE_BODY),
                Arguments.of("an extension before the signature", (UnaryOperator<String>) s -> s.replaceFirst(";chunk-signature=", ";x=y;chunk-signature="),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                Arguments.of("an undeclared trailer", (UnaryOperator<String>) s -> s.replace("x-amz-checksum-crc32:", "x-amz-checksum-crc32c:"),
                        S3Error.MALFORMED_TRAILER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSignedBodies")
    void brokenSignedBodiesAreRefused(String name, UnaryOperator<String> breakIt, S3Error expected) {
        ChunkedSigning.Wire w = sign(data(BIG), true, DefaultChecksumAlgorithm.CRC32);
        BodyRun.refused(expected, w.auth(), w.headers(), edit(w.body(), breakIt));
    }

    @ParameterizedTest(name = "declared {0} bytes more than the chunks carry")
    @ValueSource(ints = {1, -1, -BIG})
    void aSignedDecodedLengthThatDisagreesWithTheChunksIsIncomplete(int delta) {
        ChunkedSigning.Wire w = sign(data(BIG), true, DefaultChecksumAlgorithm.CRC32, BIG + delta);
        assertEquals(Long.toString(BIG + delta), w.header(IncomingBody.DECODED_LENGTH));
        S3Exception e = BodyRun.refused(S3Error.INCOMPLETE_BODY, w.auth(), w.headers(), w.body());
        assertEquals(S3Error.INCOMPLETE_BODY.message(), e.getMessage());
        assertEquals(Long.toString(BIG + delta), e.extra().get("NumberBytesExpected"));
    }

    @Test
    void frameFaultsSayTheBodyTerminatedUnexpectedly() {
        ChunkedSigning.Wire w = sign(data(BIG), true, DefaultChecksumAlgorithm.CRC32);
        S3Exception e = BodyRun.refused(S3Error.INCOMPLETE_BODY, w.auth(), w.headers(), edit(w.body(), s -> s.substring(0, 1000)));
        assertEquals("The request body terminated unexpectedly", e.getMessage());
        assertTrue(e.extra().isEmpty());
    }

    @Test
    void spacesAroundTheChunkSizeAndSignatureAreAccepted() {
        byte[] object = data(BIG);
        ChunkedSigning.Wire w = sign(object, true, DefaultChecksumAlgorithm.CRC32);
        byte[] spaced = edit(w.body(), s -> s.replaceAll("(\\p{XDigit}+);chunk-signature=(\\p{XDigit}{64})\r\n",
                "$1 ; chunk-signature = $2 \r\n"));
        assertArrayEquals(object, BodyRun.run(w.auth(), w.headers(), spaced, null).data());
    }
}
