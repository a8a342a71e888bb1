package org.amber.s3.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of AWS's "Authenticating Requests (AWS Signature Version 4)" pages for S3, which fix the
 * signature independently of any SDK.
 */
class SigV4VectorsTest {

    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final SecretLookup SECRETS = id -> ACCESS_KEY.equals(id)
            ? Optional.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") : Optional.empty();
    private static final Instant WHEN = Instant.parse("2013-05-24T00:00:00Z");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String CREDENTIAL = "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    private static final String HOST = "examplebucket.s3.amazonaws.com";

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return headers;
    }

    private static AuthContext verify(SignedRequest req) {
        return SigV4.verify(req, SECRETS, WHEN).orElseThrow();
    }

    /** "Example: GET Object" (single chunk), whose Authorization header has no space after the commas. */
    @Test
    void getObject() {
        SignedRequest req = new SignedRequest("GET", "/test.txt", null, headers(
                "host", HOST, "range", "bytes=0-9", "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL
                        + ",SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
        AuthContext ctx = verify(req);
        assertEquals(ACCESS_KEY, ctx.accessKeyId());
        assertEquals(PayloadMode.SIGNED, ctx.payload());
        assertEquals(EMPTY_SHA256, ctx.payloadSha256Hex());
        assertEquals("20130524/us-east-1/s3/aws4_request", ctx.scope());
        assertEquals("20130524T000000Z", ctx.amzDate());
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", ctx.seedSignature());
    }

    /** "Example: PUT Object": a '$' in the key, and both Date and x-amz-date signed. */
    @Test
    void putObject() {
        SignedRequest req = new SignedRequest("PUT", "/test%24file.text", null, headers(
                "host", HOST, "date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL
                        + ",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
        assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
                verify(req).payloadSha256Hex());
    }

    /** "Example: GET Bucket Lifecycle": a sub-resource without '=' is canonicalised as "lifecycle=". */
    @Test
    void getBucketLifecycle() {
        SignedRequest req = new SignedRequest("GET", "/", "lifecycle", headers(
                "host", HOST, "x-amz-date", "20130524T000000Z", "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL + ",SignedHeaders=host;x-amz-content-sha256;"
                        + "x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"));
        assertEquals(PayloadMode.SIGNED, verify(req).payload());
    }

    /** "Example: Get Bucket (List Objects)": query parameters sorted by name. */
    @Test
    void listObjects() {
        SignedRequest req = new SignedRequest("GET", "/", "max-keys=2&prefix=J", headers(
                "host", HOST, "x-amz-date", "20130524T000000Z", "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL + ",SignedHeaders=host;x-amz-content-sha256;"
                        + "x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"));
        assertEquals(PayloadMode.SIGNED, verify(req).payload());
    }

    /** "Example: Presigned URL" of the query-string authentication page (24 hours). */
    @Test
    void presignedUrl() {
        SignedRequest req = new SignedRequest("GET", "/test.txt", "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                headers("host", HOST));
        AuthContext ctx = verify(req);
        assertEquals(PayloadMode.UNSIGNED, ctx.payload());
        assertNull(ctx.payloadSha256Hex());
        S3Exception late = assertThrows(S3Exception.class,
                () -> SigV4.verify(req, SECRETS, WHEN.plusSeconds(86_401)));
        assertEquals(S3Error.REQUEST_EXPIRED, late.error());
        assertEquals("Request has expired", late.getMessage());
    }

    /** "Signature Calculations ... Transferring Payload in Multiple Chunks": the seed request. */
    @Test
    void streamingSeed() {
        SignedRequest req = new SignedRequest("PUT", "/examplebucket/chunkObject.txt", null, headers(
                "host", "s3.amazonaws.com", "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560", "content-length", "66824",
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL + ",SignedHeaders=content-encoding;content-length;"
                        + "host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"
                        + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
        AuthContext ctx = verify(req);
        assertEquals(PayloadMode.STREAMING_SIGNED, ctx.payload());
        assertEquals("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", ctx.seedSignature());
    }

    /** SigV4 lets the RFC 1123 Date header stand in for x-amz-date (signature computed independently). */
    @Test
    void dateHeaderInsteadOfAmzDate() {
        SignedRequest req = new SignedRequest("GET", "/test.txt", null, headers(
                "host", HOST, "date", "Fri, 24 May 2013 00:00:00 GMT", "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", "AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=date;host;x-amz-content-sha256, "
                        + "Signature=f51e643fca75b7c8fd918b44dd7f5de20a60f46a456fd2170e1e8248a77144e1"));
        assertEquals("20130524T000000Z", verify(req).amzDate());
    }
}
