package org.amber.s3.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which checksum a PUT's headers ask for, and S3's refusals in S3's words. Each row mirrors a case of
 * OpenStack Swift's {@code test/s3api/test_input_errors.py}, which was run against AWS.
 */
class ExpectedChecksumTest {
    private static final String CRC = "y/Q5Jg==";
    private static final String SHA256 = "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=";

    static Map<String, List<String>> headers(String... nameValue) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.computeIfAbsent(nameValue[i], k -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
        }
        return h;
    }

    static Stream<Arguments> refusals() {
        String multiple = "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.";
        return Stream.of(
                Arguments.of("two checksum headers", headers("x-amz-checksum-crc32c", CRC, "x-amz-checksum-crc32", CRC),
                        true, S3Error.INVALID_REQUEST, multiple),
                Arguments.of("one checksum header twice", headers("x-amz-checksum-crc32", CRC, "x-amz-checksum-crc32", CRC),
                        true, S3Error.INVALID_REQUEST, multiple),
                Arguments.of("two headers and an algorithm that names neither", headers(ExpectedChecksum.SDK_ALGORITHM,
                        "sha256", "x-amz-checksum-crc32c", CRC, "x-amz-checksum-crc32", CRC), false, S3Error.INVALID_REQUEST,
                        multiple),
                Arguments.of("an unknown checksum header", headers("x-amz-checksum-bad", CRC), false, S3Error.INVALID_REQUEST,
                        "The algorithm type you specified in x-amz-checksum- header is invalid."),
                Arguments.of("an undecodable value", headers("x-amz-checksum-crc32", "bad"), false, S3Error.INVALID_REQUEST,
                        "Value for x-amz-checksum-crc32 header is invalid."),
                Arguments.of("an algorithm but no checksum", headers(ExpectedChecksum.SDK_ALGORITHM, "CRC32"), false,
                        S3Error.INVALID_REQUEST, "x-amz-sdk-checksum-algorithm specified, but no corresponding "
                                + "x-amz-checksum-* or x-amz-trailer headers were found."),
                Arguments.of("an algorithm that is not the checksum's", headers(ExpectedChecksum.SDK_ALGORITHM, "CRC32C",
                        "x-amz-checksum-crc32", CRC), false, S3Error.INVALID_REQUEST,
                        "Value for x-amz-sdk-checksum-algorithm header is invalid."),
                Arguments.of("a trailer on a plain body", headers(ExpectedChecksum.TRAILER, "x-amz-checksum-crc32"), false,
                        S3Error.MALFORMED_TRAILER, S3Error.MALFORMED_TRAILER.message()),
                Arguments.of("the same checksum as header and trailer", headers("x-amz-checksum-crc32", CRC,
                        ExpectedChecksum.TRAILER, "x-amz-checksum-crc32"), true, S3Error.INVALID_REQUEST,
                        "Expecting a single x-amz-checksum- header"),
                Arguments.of("two trailers", headers(ExpectedChecksum.TRAILER, "x-amz-checksum-crc32, x-amz-checksum-sha256"),
                        true, S3Error.INVALID_REQUEST, multiple),
                Arguments.of("a trailer that is not a checksum", headers(ExpectedChecksum.TRAILER, "x-amz-content-sha256"),
                        true, S3Error.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported"),
                Arguments.of("a leading comma", headers(ExpectedChecksum.TRAILER, ", x-amz-checksum-crc32"), true,
                        S3Error.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported"),
                Arguments.of("an empty item before the trailing comma", headers(ExpectedChecksum.TRAILER,
                        "x-amz-checksum-crc32, ,"), true, S3Error.INVALID_REQUEST,
                        "The value specified in the x-amz-trailer header is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusals(String name, Map<String, List<String>> headers, boolean awsChunked, S3Error error, String message) {
        S3Exception e = assertThrows(S3Exception.class, () -> ExpectedChecksum.fromHeaders(headers, awsChunked));
        assertEquals(error, e.error());
        assertEquals(message, e.getMessage());
    }

    @Test
    void acceptedForms() {
        assertTrue(ExpectedChecksum.fromHeaders(headers("x-amz-checksum-algorithm", "crc32", "x-amz-checksum-type",
                "COMPOSITE"), false).isEmpty());
        ExpectedChecksum header = ExpectedChecksum.fromHeaders(headers("x-amz-checksum-sha256", SHA256,
                ExpectedChecksum.SDK_ALGORITHM, "sha256"), false).orElseThrow();
        assertEquals(ChecksumAlgorithm.SHA256, header.algorithm());
        assertEquals(32, header.headerValue().length);
        for (String declared : List.of("x-amz-checksum-crc32", "x-amz-checksum-crc32,", "x-amz-checksum-crc32,,",
                "x-amz-checksum-crc32, ")) {
            ExpectedChecksum trailer = ExpectedChecksum.fromHeaders(headers(ExpectedChecksum.TRAILER, declared,
                    ExpectedChecksum.SDK_ALGORITHM, "CRC32"), true).orElseThrow();
            assertEquals(ChecksumAlgorithm.CRC32, trailer.algorithm());
            assertTrue(trailer.inTrailer(), declared);
        }
    }
}
