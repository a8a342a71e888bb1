package org.amber.s3.auth;

import static org.amber.s3.auth.SdkSigning.Mode.PRESIGNED;
import static org.amber.s3.auth.SdkSigning.Mode.SIGNED_PAYLOAD;
import static org.amber.s3.auth.SdkSigning.request;
import static org.amber.s3.auth.SdkSigning.sign;
import static org.amber.s3.auth.RequestEdits.editAuthorization;
import static org.amber.s3.auth.RequestEdits.flipLastHex;
import static org.amber.s3.auth.RequestEdits.withHeader;
import static org.amber.s3.auth.RequestEdits.withPath;
import static org.amber.s3.auth.RequestEdits.withQuery;
import static org.amber.s3.auth.RequestEdits.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Every way a request can fail SigV4, each with the S3Error AWS answers. */
class SigV4RejectTest {

    private static final Instant NOW = SdkSigning.SIGNED_AT.plusSeconds(30);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final SignedRequest GET = sign(request(SdkHttpMethod.GET, "bucket", "k")
            .putRawQueryParameter("versionId", "v1").putHeader("Range", "bytes=0-9"), null, SIGNED_PAYLOAD);
    private static final SignedRequest PUT = sign(request(SdkHttpMethod.PUT, "bucket", "k")
            .putHeader("x-amz-meta-color", "blue"), "body", SIGNED_PAYLOAD);
    private static final SignedRequest PRESIGNED_GET = sign(request(SdkHttpMethod.GET, "bucket", "k"), null, PRESIGNED);

    static Stream<Arguments> rejected() {
        SecretLookup wrongSecret = id -> Optional.of("not-the-secret");
        SecretLookup nobody = id -> Optional.empty();
        return Stream.of(
                bad("tampered signature", GET, r -> editAuthorization(r, a -> flipLastHex(a)),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("wrong secret", GET, UnaryOperator.identity(), wrongSecret, NOW,
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("unknown access key", GET, UnaryOperator.identity(), nobody, NOW, S3Error.INVALID_ACCESS_KEY_ID),
                bad("tampered header value", GET, r -> withHeader(r, "range", "bytes=0-99"),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("tampered x-amz-meta header", PUT, r -> withHeader(r, "x-amz-meta-color", "red"),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("tampered path", GET, r -> withPath(r, "/bucket/other"), S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("path re-encoded differently", sign(request(SdkHttpMethod.GET, "bucket", "a b"), null,
                        SIGNED_PAYLOAD), r -> withPath(r, "/bucket/a+b"), S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("tampered query", GET, r -> withQuery(r, "versionId=v2"), S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("query parameter added", GET, r -> withQuery(r, r.rawQuery() + "&acl"),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("tampered method", GET, r -> new SignedRequest("DELETE", r.rawPath(), r.rawQuery(), r.headers()),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("tampered payload hash", PUT, r -> withHeader(r, "x-amz-content-sha256", EMPTY_SHA256),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("host not signed", GET, r -> editAuthorization(r,
                        a -> a.replace("SignedHeaders=host;", "SignedHeaders=")), S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("stale date (16 minutes)", GET, UnaryOperator.identity(), SdkSigning.SECRETS,
                        SdkSigning.SIGNED_AT.plus(Duration.ofMinutes(16)), S3Error.REQUEST_TIME_TOO_SKEWED),
                bad("date 16 minutes ahead", GET, UnaryOperator.identity(), SdkSigning.SECRETS,
                        SdkSigning.SIGNED_AT.minus(Duration.ofMinutes(16)), S3Error.REQUEST_TIME_TOO_SKEWED),
                bad("x-amz-date differs from credential date", GET, r -> withHeader(r, "x-amz-date",
                        "20260116T000000Z"), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("no date at all", GET, r -> without(r, "x-amz-date"), S3Error.ACCESS_DENIED),
                bad("unsigned x-amz header", GET, r -> withHeader(r, "x-amz-acl", "public-read"),
                        S3Error.ACCESS_DENIED),
                bad("missing x-amz-content-sha256", GET, r -> without(r, "x-amz-content-sha256"),
                        S3Error.MISSING_SECURITY_HEADER),
                bad("bad x-amz-content-sha256", GET, r -> withHeader(r, "x-amz-content-sha256", "abc"),
                        S3Error.INVALID_CONTENT_SHA256),
                bad("x-amz-content-sha256 of 64 non-hex", GET, r -> withHeader(r, "x-amz-content-sha256",
                        "g".repeat(64)), S3Error.INVALID_CONTENT_SHA256),
                bad("malformed Authorization (no Signature)", GET, r -> editAuthorization(r,
                        a -> a.substring(0, a.indexOf(", Signature="))), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("malformed Authorization (bad credential)", GET, r -> editAuthorization(r,
                        a -> a.replace("/us-east-1/s3/", "/s3/")), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("malformed Authorization (other service)", GET, r -> editAuthorization(r,
                        a -> a.replace("/s3/", "/ec2/")), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("malformed Authorization (unknown component)", GET, r -> editAuthorization(r,
                        a -> a + ", Extra=1"), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("malformed Authorization (scheme only)", GET, r -> withHeader(r, "authorization",
                        "AWS4-HMAC-SHA256"), S3Error.AUTHORIZATION_HEADER_MALFORMED),
                bad("SigV2 Authorization", GET, r -> withHeader(r, "authorization",
                        "AWS " + SdkSigning.ACCESS_KEY + ":frJIUN8DYpKDtOLCwo//yllqDzg="),
                        S3Error.UNSUPPORTED_SIGNATURE),
                bad("SigV4a Authorization", GET, r -> editAuthorization(r,
                        a -> a.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")), S3Error.UNSUPPORTED_SIGNATURE),
                bad("SigV2 presigned URL", GET, r -> without(without(withQuery(r,
                        "AWSAccessKeyId=AKID&Expires=1700000000&Signature=abc%3D"), "authorization"),
                        "x-amz-date"), S3Error.UNSUPPORTED_SIGNATURE),
                bad("header and query auth together", PRESIGNED_GET, r -> withHeader(r, "authorization",
                        GET.headers().get("authorization").get(0)), S3Error.INVALID_ARGUMENT),
                bad("presigned expired", PRESIGNED_GET, UnaryOperator.identity(), SdkSigning.SECRETS,
                        SdkSigning.SIGNED_AT.plus(Duration.ofHours(1)).plusSeconds(1), S3Error.REQUEST_EXPIRED),
                bad("presigned signed 16 minutes in the future", PRESIGNED_GET, UnaryOperator.identity(),
                        SdkSigning.SECRETS, SdkSigning.SIGNED_AT.minus(Duration.ofMinutes(16)),
                        S3Error.REQUEST_TIME_TOO_SKEWED),
                bad("presigned expires > 604800", PRESIGNED_GET, r -> withQuery(r,
                        r.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=604801")),
                        S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR),
                bad("presigned expires 0", PRESIGNED_GET, r -> withQuery(r,
                        r.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=0")),
                        S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR),
                bad("presigned expires extended", PRESIGNED_GET, r -> withQuery(r,
                        r.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=7200")),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("presigned without X-Amz-Credential", PRESIGNED_GET, r -> withQuery(r,
                        r.rawQuery().replace("X-Amz-Credential=", "X-Amz-Kredential=")),
                        S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR),
                bad("presigned other algorithm", PRESIGNED_GET, r -> withQuery(r,
                        r.rawQuery().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1")),
                        S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR),
                bad("presigned tampered signature", PRESIGNED_GET, r -> withQuery(r, flipLastHex(r.rawQuery())),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("presigned tampered path", PRESIGNED_GET, r -> withPath(r, "/bucket/k2"),
                        S3Error.SIGNATURE_DOES_NOT_MATCH),
                bad("presigned unknown key", PRESIGNED_GET, UnaryOperator.identity(), nobody, NOW,
                        S3Error.INVALID_ACCESS_KEY_ID),
                bad("presigned with unsigned x-amz header", PRESIGNED_GET, r -> withHeader(r, "x-amz-acl",
                        "public-read"), S3Error.ACCESS_DENIED));
    }

    private static Arguments bad(String name, SignedRequest base, UnaryOperator<SignedRequest> edit, S3Error error) {
        return bad(name, base, edit, SdkSigning.SECRETS, NOW, error);
    }

    private static Arguments bad(String name, SignedRequest base, UnaryOperator<SignedRequest> edit,
                                 SecretLookup secrets, Instant now, S3Error error) {
        return Arguments.of(name, edit.apply(base), secrets, now, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithAwsError(String name, SignedRequest req, SecretLookup secrets, Instant now, S3Error error) {
        S3Exception e = assertThrows(S3Exception.class, () -> SigV4.verify(req, secrets, now));
        assertEquals(error, e.error(), e.getMessage());
    }

    @Test
    void missingContentSha256MessageNamesTheHeader() {
        S3Exception e = assertThrows(S3Exception.class,
                () -> SigV4.verify(without(GET, "x-amz-content-sha256"), SdkSigning.SECRETS, NOW));
        assertEquals("Missing required header for this request: x-amz-content-sha256", e.getMessage());
    }

    @Test
    void expiresOverAWeekMessageIsAws() {
        SignedRequest req = withQuery(PRESIGNED_GET,
                PRESIGNED_GET.rawQuery().replace("X-Amz-Expires=3600", "X-Amz-Expires=604801"));
        S3Exception e = assertThrows(S3Exception.class, () -> SigV4.verify(req, SdkSigning.SECRETS, NOW));
        assertEquals("X-Amz-Expires must be less than a week (in seconds) that is 604800", e.getMessage());
    }

    @Test
    void signatureMismatchCarriesTheStringToSign() {
        SignedRequest req = withPath(GET, "/bucket/other");
        S3Exception e = assertThrows(S3Exception.class, () -> SigV4.verify(req, SdkSigning.SECRETS, NOW));
        assertTrue(e.extra().get("CanonicalRequest").startsWith("GET\n/bucket/other\nversionId=v1\n"),
                e.extra().get("CanonicalRequest"));
        assertTrue(e.extra().get("StringToSign").startsWith("AWS4-HMAC-SHA256\n20260115T123456Z\n"));
        assertNull(e.extra().get("Secret"));
    }
}
