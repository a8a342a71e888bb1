package org.amber.bench.micro;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.amber.lockd.policy.Arns;
import org.amber.lockd.policy.Authorizer;
import org.amber.lockd.policy.Caller;
import org.amber.lockd.policy.Policy;
import org.amber.lockd.policy.RequestFacts;
import org.amber.s3.iam.PolicyParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The access decision ({@link Authorizer#allowed}) for an IAM user under a bucket policy and an identity
 * policy, as the S3 layer asks it for every request (some requests ask it more than once, e.g. a PUT with
 * lock headers or a bypass). Both documents go through {@link PolicyParser} in {@link #setUp}, as the daemon's
 * policy cache does once per document; what is measured is the evaluation alone: statement matching with
 * wildcards, {@code ${aws:username}} substitution and the condition operators.
 *
 * <ul>
 * <li>{@link #putAllowed}: a PutObject over TLS asking for 30 days of GOVERNANCE retention.</li>
 * <li>{@link #putDenied}: the same asking for 20 years, over the bucket policy's 10-year cap
 *     ({@code s3:object-lock-remaining-retention-days} NumericGreaterThan): an explicit Deny.</li>
 * <li>{@link #listAllowed}: a ListBucket under the user's home prefix ({@code s3:prefix} StringLike).</li>
 * </ul>
 * The request's condition keys are those the S3 layer's {@code Access.facts} gathers for such a request.
 */
public class PolicyBench extends MicroBench {
    private static final String BUCKET = "vault";

    /** Caps retention, refuses plain HTTP, lets nobody but the break-glass role bypass governance. */
    private static final String BUCKET_POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"CapRetentionAt10Years","Effect":"Deny","Principal":"*",
              "Action":["s3:PutObject","s3:PutObjectRetention"],"Resource":"arn:aws:s3:::vault/*",
              "Condition":{"NumericGreaterThan":{"s3:object-lock-remaining-retention-days":"3650"}}},
             {"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*",
              "Resource":["arn:aws:s3:::vault","arn:aws:s3:::vault/*"],
              "Condition":{"Bool":{"aws:SecureTransport":"false"}}},
             {"Sid":"NoBypassExceptBreakGlass","Effect":"Deny","Principal":{"AWS":"*"},
              "Action":"s3:BypassGovernanceRetention","Resource":"arn:aws:s3:::vault/*",
              "Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::000000000000:role/break-glass"}}}
            ]}""";

    /** The user may write and read under home/<name>/ and list that prefix only. */
    private static final String USER_POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"OwnHome","Effect":"Allow",
              "Action":["s3:PutObject","s3:GetObject","s3:GetObjectVersion","s3:PutObjectRetention"],
              "Resource":"arn:aws:s3:::vault/home/${aws:username}/*"},
             {"Sid":"ListOwnHome","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::vault",
              "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/","home/${aws:username}/*"]}}},
             {"Sid":"NeverDeleteVersions","Effect":"Deny","Action":"s3:DeleteObjectVersion","Resource":"*"}
            ]}""";

    private Authorizer.Policies policies;
    private RequestFacts putAllowed;
    private RequestFacts putDenied;
    private RequestFacts listAllowed;

    @Setup
    public void setUp() throws Exception {
        Policy bucket = PolicyParser.parse(BUCKET_POLICY, PolicyParser.Kind.BUCKET, BUCKET);
        Policy identity = PolicyParser.parse(USER_POLICY, PolicyParser.Kind.IDENTITY, null);
        policies = Authorizer.Policies.of(null, List.of(identity), bucket);

        Caller alice = Caller.user("alice", "AIDAALICE0000000000001");
        String key = "home/alice/backups/2030/06/01/db-0001.tar.zst";
        putAllowed = new RequestFacts("s3:PutObject", Arns.object(BUCKET, key), alice, putKeys("2030-07-01T12:00:00Z", "30"));
        putDenied = new RequestFacts("s3:PutObject", Arns.object(BUCKET, key), alice, putKeys("2050-05-27T12:00:00Z", "7300"));
        Map<String, List<String>> list = requestKeys();
        list.put("s3:prefix", List.of("home/alice/backups/"));
        list.put("s3:delimiter", List.of("/"));
        list.put("s3:max-keys", List.of("1000"));
        listAllowed = new RequestFacts("s3:ListBucket", Arns.bucket(BUCKET), alice, list);

        expect(putAllowed(), true, "putAllowed");
        expect(putDenied(), false, "putDenied");
        expect(listAllowed(), true, "listAllowed");
    }

    /** The keys every signed request over TLS carries. */
    private static Map<String, List<String>> requestKeys() {
        Map<String, List<String>> k = new HashMap<>();
        k.put("aws:CurrentTime", List.of("2030-06-01T12:00:00Z"));
        k.put("aws:EpochTime", List.of("1906459200"));
        k.put("aws:SourceIp", List.of("10.20.30.40"));
        k.put("aws:SecureTransport", List.of("true"));
        k.put("s3:signatureversion", List.of("AWS4-HMAC-SHA256"));
        k.put("s3:authType", List.of("REST-HEADER"));
        k.put("s3:x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        return k;
    }

    /** A PutObject's keys, its lock headers asking for GOVERNANCE retention until {@code until}, {@code days} away. */
    private static Map<String, List<String>> putKeys(String until, String days) {
        Map<String, List<String>> k = requestKeys();
        k.put("s3:x-amz-object-lock-mode", List.of("GOVERNANCE"));
        k.put("s3:x-amz-object-lock-retain-until-date", List.of(until));
        k.put("s3:object-lock-mode", List.of("GOVERNANCE"));
        k.put("s3:object-lock-retain-until-date", List.of(until));
        k.put("s3:object-lock-remaining-retention-days", List.of(days));
        return k;
    }

    private static void expect(boolean actual, boolean expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    @Benchmark
    public boolean putAllowed() {
        return Authorizer.allowed(putAllowed, policies);
    }

    @Benchmark
    public boolean putDenied() {
        return Authorizer.allowed(putDenied, policies);
    }

    @Benchmark
    public boolean listAllowed() {
        return Authorizer.allowed(listAllowed, policies);
    }
}
