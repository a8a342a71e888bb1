package org.amber.s3.auth;

import java.util.Map;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/** Reads the {@code x-amz-content-sha256} header S3 requires with SigV4. */
final class ContentSha256 {

    static final String HEADER = "x-amz-content-sha256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final Map<String, PayloadMode> LITERALS = Map.of(
            UNSIGNED_PAYLOAD, PayloadMode.UNSIGNED,
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", PayloadMode.STREAMING_SIGNED,
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER", PayloadMode.STREAMING_UNSIGNED_TRAILER,
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", PayloadMode.STREAMING_SIGNED_TRAILER);

    private ContentSha256() {}

    /** The payload mode {@code value} announces; anything but a known literal or 64 hex digits is refused. */
    static PayloadMode mode(String value) {
        PayloadMode literal = LITERALS.get(value);
        if (literal != null) {
            return literal;
        }
        if (isSha256Hex(value)) {
            return PayloadMode.SIGNED;
        }
        throw new S3Exception(S3Error.INVALID_CONTENT_SHA256, S3Error.INVALID_CONTENT_SHA256.message());
    }

    private static boolean isSha256Hex(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
