package org.amber.s3.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/** Verifies AWS Signature Version 4, header-based or presigned, as S3 does; pure (no clock, I/O or logging). */
public final class SigV4 {

    /** S3 refuses requests whose time is more than 15 minutes from its own. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ONE_MECHANISM = "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
            + "parameter, Signature query string parameter or the Authorization header should be specified";

    /** What the client claims it signed, from the Authorization header or the X-Amz-* query parameters. */
    private record Claim(Credential credential, RequestTime time, List<String> signedHeaders, String signedHeadersLine,
                         String signature, String payloadHash, PayloadMode mode, boolean presigned) {}

    private SigV4() {}

    /**
     * Verifies a header-signed ({@code Authorization: AWS4-HMAC-SHA256 ...}) or presigned ({@code X-Amz-Algorithm=...})
     * request. Returns empty for an anonymous request; throws {@link S3Exception} for every failure.
     */
    public static Optional<AuthContext> verify(SignedRequest req, SecretLookup secrets, Instant now) {
        String authorization = firstHeader(req.headers(), "authorization");
        List<QueryParams.Param> query = QueryParams.parse(req.rawQuery());
        boolean presigned = QueryParams.first(query, Canonical.SIGNATURE_PARAM) != null
                || QueryParams.first(query, "X-Amz-Algorithm") != null;
        if (authorization != null && presigned) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, ONE_MECHANISM);
        }
        if (authorization != null) {
            return Optional.of(check(req, query, headerClaim(req, authorization, now), secrets));
        }
        if (presigned) {
            return Optional.of(check(req, query, presignedClaim(req, query, now), secrets));
        }
        // A SigV2 presigned URL (AWSAccessKeyId=...&Signature=...) is not anonymous, just unsupported.
        if (QueryParams.first(query, "AWSAccessKeyId") != null && QueryParams.first(query, "Signature") != null) {
            throw new S3Exception(S3Error.UNSUPPORTED_SIGNATURE, S3Error.UNSUPPORTED_SIGNATURE.message());
        }
        return Optional.empty();
    }

    private static Claim headerClaim(SignedRequest req, String authorization, Instant now) {
        AuthHeader auth = AuthHeader.parse(authorization);
        RequestTime time = RequestTime.fromHeaders(req.headers());
        if (!time.amzDate().startsWith(auth.credential().date())) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED,
                    AuthHeader.MALFORMED + "Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        String payloadHash = firstHeader(req.headers(), ContentSha256.HEADER);
        if (payloadHash == null && req.bodySha256Hex() != null && !auth.credential().service().equals("s3")) {
            payloadHash = req.bodySha256Hex();
        }
        if (payloadHash == null) {
            throw new S3Exception(S3Error.MISSING_SECURITY_HEADER,
                    "Missing required header for this request: " + ContentSha256.HEADER, Map.of("MissingHeaderName",
                    ContentSha256.HEADER));
        }
        PayloadMode mode = ContentSha256.mode(payloadHash.trim());
        checkSkew(time, now);
        return new Claim(auth.credential(), time, auth.signedHeaders(), auth.signedHeadersLine(), auth.signature(),
                payloadHash.trim(), mode, false);
    }

    /** A presigned URL's payload is UNSIGNED-PAYLOAD unless the client signed an x-amz-content-sha256 header. */
    private static Claim presignedClaim(SignedRequest req, List<QueryParams.Param> query, Instant now) {
        PresignedQuery q = PresignedQuery.parse(query);
        String payloadHash = ContentSha256.UNSIGNED_PAYLOAD;
        String sent = firstHeader(req.headers(), ContentSha256.HEADER);
        if (sent != null && q.signedHeaders().contains(ContentSha256.HEADER)) {
            payloadHash = sent.trim();
        }
        PayloadMode mode = ContentSha256.mode(payloadHash);
        checkExpiry(q, now);
        return new Claim(q.credential(), q.time(), q.signedHeaders(), q.signedHeadersLine(), q.signature(),
                payloadHash, mode, true);
    }

    private static void checkSkew(RequestTime time, Instant now) {
        if (Duration.between(time.instant(), now).abs().compareTo(MAX_SKEW) > 0) {
            throw new S3Exception(S3Error.REQUEST_TIME_TOO_SKEWED, S3Error.REQUEST_TIME_TOO_SKEWED.message(),
                    Map.of("RequestTime", time.sent(), "ServerTime", now.toString(),
                            "MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis())));
        }
    }

    private static void checkExpiry(PresignedQuery q, Instant now) {
        Instant signedAt = q.time().instant();
        Instant expires = signedAt.plusSeconds(q.expiresSeconds());
        if (now.isAfter(expires)) {
            throw new S3Exception(S3Error.REQUEST_EXPIRED, S3Error.REQUEST_EXPIRED.message(),
                    Map.of("X-Amz-Expires", Long.toString(q.expiresSeconds()), "Expires", expires.toString(),
                            "ServerTime", now.toString()));
        }
        // A URL signed "in the future" by a badly set client clock is refused like a skewed header request.
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            checkSkew(q.time(), now);
        }
    }

    private static AuthContext check(SignedRequest req, List<QueryParams.Param> query, Claim claim,
                                     SecretLookup secrets) {
        Credential credential = claim.credential();
        String secret = secrets.secretFor(credential.accessKeyId()).orElseThrow(() -> new S3Exception(
                S3Error.INVALID_ACCESS_KEY_ID, S3Error.INVALID_ACCESS_KEY_ID.message(),
                Map.of("AWSAccessKeyId", credential.accessKeyId())));
        requireAmzHeadersSigned(req.headers(), claim.signedHeaders());
        byte[] signingKey = SigningKeys.signingKey(secret, credential);
        String canonical = null;
        String stringToSign = null;
        boolean matches = false;
        for (String path : Canonical.paths(req.rawPath())) {
            canonical = Canonical.request(req, path, query, claim.presigned(), claim.signedHeaders(),
                    claim.signedHeadersLine(), claim.payloadHash());
            stringToSign = Canonical.stringToSign(claim.time().amzDate(), credential.scope(), canonical);
            String expected = SigningKeys.hex(SigningKeys.hmac(signingKey, stringToSign));
            matches |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    claim.signature().getBytes(StandardCharsets.UTF_8));
        }
        // S3 needs host signed so a signature cannot be replayed against another bucket's virtual host.
        if (!matches || !claim.signedHeaders().contains("host")) {
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH, S3Error.SIGNATURE_DOES_NOT_MATCH.message(),
                    Map.of("AWSAccessKeyId", credential.accessKeyId(), "StringToSign", stringToSign,
                            "SignatureProvided", claim.signature(), "CanonicalRequest", canonical));
        }
        String payloadSha256 = claim.mode() == PayloadMode.SIGNED
                ? claim.payloadHash().toLowerCase(Locale.ROOT) : null;
        return new AuthContext(credential.accessKeyId(), claim.mode(), payloadSha256, claim.time().amzDate(),
                credential.scope(), claim.signature(), signingKey, claim.presigned());
    }

    /**
     * S3 refuses x-amz-* headers left out of the signature (AccessDenied, HeadersNotSigned), so that nobody on the
     * path can add e.g. x-amz-copy-source or x-amz-object-lock-mode to a signed request.
     */
    private static void requireAmzHeadersSigned(Map<String, List<String>> headers, List<String> signedHeaders) {
        if (headers == null) {
            return;
        }
        TreeSet<String> unsigned = new TreeSet<>();
        for (String name : headers.keySet()) {
            if (name.startsWith("x-amz-") && !signedHeaders.contains(name)) {
                unsigned.add(name);
            }
        }
        if (!unsigned.isEmpty()) {
            throw new S3Exception(S3Error.ACCESS_DENIED,
                    "There were headers present in the request which were not signed",
                    Map.of("HeadersNotSigned", String.join(", ", unsigned)));
        }
    }

    /** The first value of header {@code name} (lower-case), or null when absent. */
    static String firstHeader(Map<String, List<String>> headers, String name) {
        List<String> values = headers == null ? null : headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
