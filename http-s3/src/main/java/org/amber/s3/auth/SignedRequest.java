package org.amber.s3.auth;

import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request that SigV4 signs, built by the S3 handler from Jetty's request.
 *
 * @param method   the HTTP method, e.g. {@code GET}
 * @param rawPath  the path exactly as sent on the wire, still percent-encoded (e.g. {@code /bucket/a%20b/c%2Bd})
 * @param rawQuery the query string exactly as sent, without {@code '?'}, or null
 * @param headers  header names lower-cased, values as received (multiple values of one header in order)
 * @param bodySha256Hex the body's SHA-256 when the server has read it already (IAM and STS Query API requests,
 *                 whose clients send no x-amz-content-sha256), else null
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                            String bodySha256Hex) {
    public SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this(method, rawPath, rawQuery, headers, null);
    }
}
