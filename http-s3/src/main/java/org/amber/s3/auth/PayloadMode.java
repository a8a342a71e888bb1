package org.amber.s3.auth;

/** How the request body is protected, from the {@code x-amz-content-sha256} header (or a presigned URL). */
public enum PayloadMode {
    /** A hex SHA-256 was sent in {@code x-amz-content-sha256}: the caller must hash the body and compare. */
    SIGNED,
    /** {@code UNSIGNED-PAYLOAD}, and every presigned URL that does not sign {@code x-amz-content-sha256}. */
    UNSIGNED,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked body, each chunk signed from the seed signature. */
    STREAMING_SIGNED,
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked body with unsigned chunks and a checksum trailer. */
    STREAMING_UNSIGNED_TRAILER,
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed aws-chunked body and a signed trailer. */
    STREAMING_SIGNED_TRAILER
}
