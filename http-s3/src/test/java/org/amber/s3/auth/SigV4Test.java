package org.amber.s3.auth;

import static org.amber.s3.auth.SdkSigning.Mode.PRESIGNED;
import static org.amber.s3.auth.SdkSigning.Mode.SIGNED_PAYLOAD;
import static org.amber.s3.auth.SdkSigning.Mode.STREAMING;
import static org.amber.s3.auth.SdkSigning.Mode.UNSIGNED_PAYLOAD;
import static org.amber.s3.auth.SdkSigning.request;
import static org.amber.s3.auth.SdkSigning.sign;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Requests the AWS SDK for Java v2 signs, as they arrive on the wire, are accepted. */
class SigV4Test {

    private static final Instant NOW = SdkSigning.SIGNED_AT.plusSeconds(30);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static Stream<Arguments> accepted() {
        return Stream.of(
                ok("GET object", sign(request(SdkHttpMethod.GET, "bucket", "key.txt"), null, SIGNED_PAYLOAD),
                        PayloadMode.SIGNED),
                ok("GET bucket root", sign(request(SdkHttpMethod.GET, "bucket", null), null, SIGNED_PAYLOAD),
                        PayloadMode.SIGNED),
                ok("ListObjectsV2 with space and slash in query", sign(request(SdkHttpMethod.GET, "bucket", null)
                        .putRawQueryParameter("list-type", "2").putRawQueryParameter("prefix", "a b")
                        .putRawQueryParameter("delimiter", "/"), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("GET with versionId holding + and =", sign(request(SdkHttpMethod.GET, "bucket", "k")
                        .putRawQueryParameter("versionId", "3HL4kqtJ+lcpXroDTDm/JrmSpXd3dIbrHY=="), null,
                        SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("CreateMultipartUpload ?uploads with no value", sign(request(SdkHttpMethod.POST, "bucket", "big")
                        .putRawQueryParameter("uploads", (String) null), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("query with unicode, + and *", sign(request(SdkHttpMethod.GET, "bucket", null)
                        .putRawQueryParameter("prefix", "ü+x*y~z'(!)").putRawQueryParameter("max-keys", "7"),
                        null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("repeated query parameter", sign(request(SdkHttpMethod.GET, "bucket", null)
                        .appendRawQueryParameter("b", "2").appendRawQueryParameter("b", "1")
                        .appendRawQueryParameter("a", ""), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("PUT signed hex payload", sign(request(SdkHttpMethod.PUT, "bucket", "doc.txt")
                        .putHeader("Content-Type", "text/plain").putHeader("x-amz-meta-note", "  a   b  "),
                        "hello, world", SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("PUT UNSIGNED-PAYLOAD", sign(request(SdkHttpMethod.PUT, "bucket", "doc.txt"),
                        "hello, world", UNSIGNED_PAYLOAD), PayloadMode.UNSIGNED),
                ok("PUT aws-chunked seed", sign(request(SdkHttpMethod.PUT, "bucket", "chunked.bin"),
                        "0123456789".repeat(10), STREAMING), PayloadMode.STREAMING_SIGNED),
                ok("key with spaces", sign(request(SdkHttpMethod.GET, "bucket", "dir one/a b c.txt"), null,
                        SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("key with +", sign(request(SdkHttpMethod.GET, "bucket", "c+d/e+f"), null, SIGNED_PAYLOAD),
                        PayloadMode.SIGNED),
                ok("key with %", sign(request(SdkHttpMethod.GET, "bucket", "100%/%2F%zz"), null, SIGNED_PAYLOAD),
                        PayloadMode.SIGNED),
                ok("key with unicode", sign(request(SdkHttpMethod.GET, "bucket", "ünïcødé/日本語/😀"), null,
                        SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("key with ~ and reserved characters", sign(request(SdkHttpMethod.GET, "bucket",
                        "~user/a=b&c;d,e:f@g$h!i'j(k)l*m"), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("key with // and . segments is not normalised", sign(request(SdkHttpMethod.GET, "bucket",
                        "a//b/./c/../d"), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("path sent with unencoded sub-delimiters", sign(request(SdkHttpMethod.GET, "bucket", null)
                        .encodedPath("/bucket/it's(1)!*,$;=@:"), null, SIGNED_PAYLOAD), PayloadMode.SIGNED),
                ok("session token header", SdkSigning.signWithSessionToken(request(SdkHttpMethod.GET, "bucket", "k"),
                        SIGNED_PAYLOAD, "FwoGZXIvYXdzEJr//////////token+/="), PayloadMode.SIGNED),
                ok("presigned with session token", SdkSigning.signWithSessionToken(request(SdkHttpMethod.GET,
                        "bucket", "k"), PRESIGNED, "FwoGZXIvYXdzEJr//////////token+/="), PayloadMode.UNSIGNED),
                ok("other region", sign(request(SdkHttpMethod.GET, "bucket", "k"), null, SIGNED_PAYLOAD,
                        "eu-west-3", SdkSigning.ACCESS_KEY, SdkSigning.SECRET), PayloadMode.SIGNED),
                ok("presigned GET", sign(request(SdkHttpMethod.GET, "bucket", "a b+c~d/ü.txt"), null, PRESIGNED),
                        PayloadMode.UNSIGNED),
                ok("presigned GET with response-content-disposition", sign(request(SdkHttpMethod.GET, "bucket", "k")
                        .putRawQueryParameter("response-content-disposition", "attachment; filename=\"x y.txt\""),
                        null, PRESIGNED), PayloadMode.UNSIGNED),
                ok("presigned PUT", sign(request(SdkHttpMethod.PUT, "bucket", "upload me.bin"), null, PRESIGNED),
                        PayloadMode.UNSIGNED));
    }

    private static Arguments ok(String name, SignedRequest req, PayloadMode mode) {
        return Arguments.of(name, req, mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsWhatTheSdkSigned(String name, SignedRequest req, PayloadMode mode) {
        AuthContext ctx = SigV4.verify(req, SdkSigning.SECRETS, NOW).orElseThrow();
        assertEquals(SdkSigning.ACCESS_KEY, ctx.accessKeyId());
        assertEquals(mode, ctx.payload());
        assertEquals("20260115T123456Z", ctx.amzDate());
        assertTrue(ctx.scope().matches("20260115/[a-z0-9-]+/s3/aws4_request"), ctx.scope());
        assertEquals(mode == PayloadMode.SIGNED, ctx.payloadSha256Hex() != null);
        assertEquals(req.rawQuery() != null && req.rawQuery().contains("X-Amz-Signature="), ctx.presigned());
        assertEquals(64, ctx.seedSignature().length());
        assertEquals(32, ctx.signingKey().length);
    }

    @Test
    void signedPayloadHashIsHandedToTheCaller() {
        SignedRequest req = sign(request(SdkHttpMethod.PUT, "bucket", "k"), "", SIGNED_PAYLOAD);
        AuthContext ctx = SigV4.verify(req, SdkSigning.SECRETS, NOW).orElseThrow();
        assertEquals(EMPTY_SHA256, ctx.payloadSha256Hex());
    }

    @Test
    void streamingSeedSignatureIsTheAuthorizationSignature() {
        SignedRequest req = sign(request(SdkHttpMethod.PUT, "bucket", "k"), "abc", STREAMING);
        AuthContext ctx = SigV4.verify(req, SdkSigning.SECRETS, NOW).orElseThrow();
        String authorization = req.headers().get("authorization").get(0);
        assertTrue(authorization.endsWith("Signature=" + ctx.seedSignature()), authorization);
        byte[] expected = SigningKeys.hmac(SigningKeys.hmac(SigningKeys.hmac(SigningKeys.hmac(
                ("AWS4" + SdkSigning.SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8), "20260115"),
                "us-east-1"), "s3"), "aws4_request");
        assertArrayEquals(expected, ctx.signingKey());
    }

    @Test
    void signingKeyHandedOutIsACopy() {
        SignedRequest req = sign(request(SdkHttpMethod.GET, "bucket", "k"), null, SIGNED_PAYLOAD);
        java.util.Arrays.fill(SigV4.verify(req, SdkSigning.SECRETS, NOW).orElseThrow().signingKey(), (byte) 0);
        assertTrue(SigV4.verify(req, SdkSigning.SECRETS, NOW).isPresent());
    }

    @Test
    void anonymousRequestIsEmpty() {
        SignedRequest req = new SignedRequest("GET", "/bucket/k", "prefix=a", Map.of("host", List.of("h")));
        assertEquals(Optional.empty(), SigV4.verify(req, SdkSigning.SECRETS, NOW));
    }

    @Test
    void timeWithinFifteenMinutesIsAccepted() {
        SignedRequest req = sign(request(SdkHttpMethod.GET, "bucket", "k"), null, SIGNED_PAYLOAD);
        Instant signed = SdkSigning.SIGNED_AT;
        assertTrue(SigV4.verify(req, SdkSigning.SECRETS, signed.plus(Duration.ofMinutes(15))).isPresent());
        assertTrue(SigV4.verify(req, SdkSigning.SECRETS, signed.minus(Duration.ofMinutes(15))).isPresent());
    }
}
