package org.amber.bench.micro;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.SecretLookup;
import org.amber.s3.auth.SigV4;
import org.amber.s3.auth.SignedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * SigV4 verification ({@link SigV4#verify}) of a header-signed PutObject: parsing the Authorization
 * header, building the canonical request and string to sign, one HMAC-SHA256 with the signing key and
 * the constant-time compare. Every S3 request pays it on a Jetty thread before anything else, so it
 * bounds the request rate per core. The signing key itself is derived once per access key and day and
 * cached by the verifier, as in the daemon; this measures the steady state.
 *
 * <p>The request is AWS's own worked "Example: PUT Object" (Signature Version 4, header-based auth,
 * S3 documentation), the same vector {@code SigV4VectorsTest} checks: signed independently of Amber,
 * with a signed payload hash and five signed headers. No signer is on this module's runtime classpath
 * (the AWS SDK's is test-scoped and amber-bench's own is package-private), so the request is signed once,
 * by AWS, rather than in {@code @Setup}. {@link #setUp} verifies it once, so a broken verifier fails the
 * run instead of timing an exception.
 */
public class SigV4Bench extends MicroBench {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private SignedRequest put;
    private SecretLookup secrets;
    /** Thirty seconds after the request was signed: well inside the 15-minute skew allowance. */
    private Instant now;

    @Setup
    public void setUp() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("examplebucket.s3.amazonaws.com"));
        headers.put("date", List.of("Fri, 24 May 2013 00:00:00 GMT"));
        headers.put("x-amz-date", List.of("20130524T000000Z"));
        headers.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        headers.put("x-amz-content-sha256", List.of("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
        put = new SignedRequest("PUT", "/test%24file.text", null, headers);
        secrets = id -> ACCESS_KEY.equals(id) ? Optional.of(SECRET) : Optional.empty();
        now = Instant.parse("2013-05-24T00:00:30Z");
        AuthContext ctx = SigV4.verify(put, secrets, now).orElseThrow();
        if (!ACCESS_KEY.equals(ctx.accessKeyId())) {
            throw new IllegalStateException("verified as " + ctx.accessKeyId());
        }
    }

    @Benchmark
    public Optional<AuthContext> verifyPutObject() {
        return SigV4.verify(put, secrets, now);
    }
}
