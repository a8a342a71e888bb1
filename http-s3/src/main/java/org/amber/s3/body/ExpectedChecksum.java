package org.amber.s3.body;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The checksum a PUT asks S3 to verify: its algorithm and, when it came as an {@code x-amz-checksum-*}
 * header, its value (a value declared with {@code x-amz-trailer} arrives after the body).
 *
 * <p>Refusals, their order and their words are S3's as recorded by OpenStack Swift's AWS-run
 * {@code test/s3api/test_input_errors.py}: an unknown {@code x-amz-checksum-*} header, more than one
 * checksum, an undecodable value and an {@code x-amz-sdk-checksum-algorithm} without or against a
 * checksum are InvalidRequest; a trailer on a body that is not aws-chunked is MalformedTrailerError.
 *
 * @param algorithm   which checksum
 * @param headerValue the digest the header carried, or null when it comes as a trailer
 */
public record ExpectedChecksum(ChecksumAlgorithm algorithm, byte[] headerValue) {
    /** Names the trailers that follow an aws-chunked body. */
    public static final String TRAILER = "x-amz-trailer";
    /** What the SDKs send to say which checksum they computed. */
    public static final String SDK_ALGORITHM = "x-amz-sdk-checksum-algorithm";
    private static final String SINGLE = "Expecting a single x-amz-checksum- header";
    private static final String MULTIPLE = SINGLE + ". Multiple checksum Types are not allowed.";

    /** True when the value comes in the aws-chunked trailer rather than a header. */
    public boolean inTrailer() {
        return headerValue == null;
    }

    /**
     * Reads the checksum headers of a request; empty when it names no checksum.
     *
     * @param headers    header names lower-cased with all their values
     * @param awsChunked whether the body is aws-chunked, the only framing that can carry trailers
     */
    public static Optional<ExpectedChecksum> fromHeaders(Map<String, List<String>> headers, boolean awsChunked) {
        List<ChecksumAlgorithm> inHeaders = headerAlgorithms(headers);
        List<ChecksumAlgorithm> inTrailer = trailerAlgorithms(headers);
        if (inHeaders.size() + inTrailer.size() > 1) {
            throw invalid(SINGLE);
        }
        ExpectedChecksum expected = null;
        if (!inHeaders.isEmpty()) {
            ChecksumAlgorithm a = inHeaders.get(0);
            byte[] value = a.decode(first(headers, a.headerName())).orElseThrow(
                    () -> invalid("Value for " + a.headerName() + " header is invalid."));
            expected = new ExpectedChecksum(a, value);
        } else if (!inTrailer.isEmpty()) {
            expected = new ExpectedChecksum(inTrailer.get(0), null);
        }
        checkSdkAlgorithm(first(headers, SDK_ALGORITHM), expected);
        if (expected != null && expected.inTrailer() && !awsChunked) {
            throw new S3Exception(S3Error.MALFORMED_TRAILER);
        }
        return Optional.ofNullable(expected);
    }

    /** The algorithms of the x-amz-checksum-* value headers, one entry per value sent. */
    private static List<ChecksumAlgorithm> headerAlgorithms(Map<String, List<String>> headers) {
        List<ChecksumAlgorithm> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String name = h.getKey();
            if (!name.startsWith(ChecksumAlgorithm.HEADER_PREFIX) || name.equals("x-amz-checksum-algorithm")
                    || name.equals("x-amz-checksum-type")) {
                continue;
            }
            ChecksumAlgorithm a = ChecksumAlgorithm.fromHeader(name).orElseThrow(
                    () -> invalid("The algorithm type you specified in x-amz-checksum- header is invalid."));
            h.getValue().forEach(v -> found.add(a));
        }
        if (found.size() > 1) {
            throw invalid(MULTIPLE);
        }
        return found;
    }

    /** The checksums x-amz-trailer declares: a comma-separated list where only a trailing comma is tolerated. */
    private static List<ChecksumAlgorithm> trailerAlgorithms(Map<String, List<String>> headers) {
        String declared = first(headers, TRAILER);
        List<ChecksumAlgorithm> found = new ArrayList<>();
        if (declared == null || declared.isBlank()) {
            return found;
        }
        String list = declared.strip();
        while (list.endsWith(",")) {
            list = list.substring(0, list.length() - 1);
        }
        for (String name : list.split(",", -1)) {
            found.add(ChecksumAlgorithm.fromHeader(name.strip()).orElseThrow(
                    () -> invalid("The value specified in the x-amz-trailer header is not supported")));
        }
        if (found.size() > 1) {
            throw invalid(MULTIPLE);
        }
        return found;
    }

    private static void checkSdkAlgorithm(String sdkAlgorithm, ExpectedChecksum expected) {
        if (sdkAlgorithm == null || sdkAlgorithm.isBlank()) {
            return;
        }
        if (expected == null) {
            throw invalid("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* "
                    + "or x-amz-trailer headers were found.");
        }
        if (!expected.algorithm().wireName().equalsIgnoreCase(sdkAlgorithm.trim())) {
            throw invalid("Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3Error.INVALID_REQUEST, message);
    }
}
