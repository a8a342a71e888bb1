package org.amber.s3.body;

/**
 * A checksum of an object's bytes that the client sent and the server computed alike.
 *
 * @param algorithm which checksum
 * @param base64    the big-endian digest in base64, exactly as S3 shows it in {@code x-amz-checksum-<name>}
 */
public record VerifiedChecksum(ChecksumAlgorithm algorithm, String base64) {
    /** The response header that shows it, e.g. {@code x-amz-checksum-crc32}. */
    public String headerName() {
        return algorithm.headerName();
    }
}
