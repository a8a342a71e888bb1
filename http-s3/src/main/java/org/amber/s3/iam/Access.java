package org.amber.s3.iam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amber.lockd.Account;
import org.amber.lockd.BucketState;
import org.amber.lockd.Store;
import org.amber.lockd.iam.Directory;
import org.amber.lockd.iam.PolicyScope;
import org.amber.lockd.policy.Authorizer;
import org.amber.lockd.policy.Caller;
import org.amber.lockd.policy.Policy;
import org.amber.lockd.policy.PolicyEvaluator;
import org.amber.lockd.policy.RequestFacts;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;
import org.amber.s3.lock.LockDates;
import org.amber.s3.lock.LockHeaders;

/**
 * Access decisions for requests: gathers the request's condition keys and the policies that govern it
 * (guardrail, the caller's identity policies, the bucket policy) from the published state and asks lockd's
 * {@link Authorizer}. Thread-safe.
 */
public final class Access {
    /** The actions that manage a bucket's policy: root may always take them (lock-out recovery). */
    private static final java.util.Set<String> BUCKET_POLICY_ACTIONS = java.util.Set.of(
            "s3:putbucketpolicy", "s3:getbucketpolicy", "s3:deletebucketpolicy");
    /** The writes whose lock headers are lock parameters (elsewhere such headers mean nothing and set no key). */
    private static final java.util.Set<String> LOCK_HEADER_WRITES = java.util.Set.of("PutObject", "CopyObject", "CreateMultipartUpload");
    private final Store published;
    private final Clock clock;
    private final Clock complianceClock;
    private final PolicyCache cache = new PolicyCache();

    public Access(Store published, Clock clock, Clock complianceClock) {
        this.published = published;
        this.clock = clock;
        this.complianceClock = complianceClock;
    }

    /** The caller an access key belongs to. */
    public Caller caller(Account a) {
        if (a.root()) {
            return Caller.root();
        }
        String userId = published.directory().user(a.name()).map(u -> u.userId()).orElse(a.accessKeyId());
        return Caller.user(a.name(), userId);
    }

    /** Refuses with 403 AccessDenied unless the caller may take {@code action} on {@code resource}. */
    public void require(S3Request req, String action, String resource, Map<String, List<String>> extraKeys) {
        if (!allowed(req, action, resource, extraKeys)) {
            throw new S3Exception(S3Error.ACCESS_DENIED);
        }
    }

    /** Refuses with 403 AccessDenied unless the route's check passes (its bucket's policy applies). */
    public void require(S3Request req, Actions.Check c) {
        if (!unrestrictedRoot(req.caller(), c.bucket()) && !allowed(facts(req, c.action(), c.resource(), Map.of()), c.bucket())) {
            throw new S3Exception(S3Error.ACCESS_DENIED);
        }
    }

    public boolean allowed(S3Request req, String action, String resource, Map<String, List<String>> extraKeys) {
        if (unrestrictedRoot(req.caller(), req.bucket())) {
            return true;
        }
        RequestFacts f = facts(req, action, resource, extraKeys);
        return allowed(f, req.bucket());
    }

    /** The decision for {@code f} on a request to {@code bucket} (null for none). */
    public boolean allowed(RequestFacts f, String bucket) {
        Caller c = f.caller();
        if (unrestrictedRoot(c, bucket)) {
            return true;
        }
        Policy guardrail = guardrail();
        Policy bucketPolicy = cache.get(bucketPolicyDocument(bucket), PolicyParser.Kind.BUCKET);
        boolean rootOverrides = BUCKET_POLICY_ACTIONS.contains(f.action().toLowerCase(Locale.ROOT));
        return Authorizer.allowed(f, new Authorizer.Policies(guardrail, identityPolicies(c), bucketPolicy,
                PolicyEvaluator.Kind.RESOURCE, rootOverrides));
    }

    /** Root with no guardrail and no bucket policy: nothing to evaluate (the common case on a backup box). */
    private boolean unrestrictedRoot(Caller c, String bucket) {
        return c.kind() == Caller.Kind.ROOT && published.directory().guardrail() == null && bucketPolicyDocument(bucket) == null;
    }

    private String bucketPolicyDocument(String bucket) {
        return bucket == null ? null : published.bucket(bucket).map(BucketState::policy).orElse(null);
    }

    /** The guardrail, parsed (null if none). */
    public Policy guardrail() {
        return cache.get(published.directory().guardrail(), PolicyParser.Kind.GUARDRAIL);
    }

    /** A role's trust policy, parsed. */
    public Policy trustPolicy(String document) {
        return cache.get(document, PolicyParser.Kind.TRUST);
    }

    /** The identity policies that apply to {@code c}: a user's and its groups', or a role's; none for root. */
    public List<Policy> identityPolicies(Caller c) {
        Directory d = published.directory();
        List<Policy> out = new ArrayList<>();
        if (c.kind() == Caller.Kind.USER) {
            d.policies(PolicyScope.USER, c.userName()).values().forEach(doc -> out.add(cache.get(doc, PolicyParser.Kind.IDENTITY)));
            for (String g : d.groupsOf(c.userName())) {
                d.policies(PolicyScope.GROUP, g).values().forEach(doc -> out.add(cache.get(doc, PolicyParser.Kind.IDENTITY)));
            }
        } else if (c.kind() == Caller.Kind.ROLE_SESSION) {
            d.policies(PolicyScope.ROLE, roleName(c)).values().forEach(doc -> out.add(cache.get(doc, PolicyParser.Kind.IDENTITY)));
        }
        return out;
    }

    static String roleName(Caller c) {
        return c.arn().substring(c.arn().indexOf(":role/") + ":role/".length());
    }

    /** The question a request asks, with every condition key the request itself supplies. */
    public RequestFacts facts(S3Request req, String action, String resource, Map<String, List<String>> extraKeys) {
        Map<String, List<String>> k = new HashMap<>(req.policyKeys(() -> requestKeys(req)));
        k.putAll(extraKeys);
        return new RequestFacts(action, resource, req.caller(), k);
    }

    /** The keys that depend on the request alone, gathered once per request however many questions it asks. */
    private Map<String, List<String>> requestKeys(S3Request req) {
        Map<String, List<String>> k = new HashMap<>();
        Instant now = clock.instant();
        k.put("aws:CurrentTime", List.of(now.toString()));
        k.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        k.put("aws:SourceIp", List.of(req.sourceIp()));
        k.put("aws:SecureTransport", List.of(Boolean.toString(req.jetty().isSecure())));
        if (req.auth() != null) {
            k.put("s3:signatureversion", List.of("AWS4-HMAC-SHA256"));
            k.put("s3:authType", List.of(req.auth().presigned() ? "REST-QUERY-STRING" : "REST-HEADER"));
        }
        for (String p : List.of("prefix", "delimiter", "max-keys")) {
            if (req.param(p) != null) {
                k.put("s3:" + p, List.of(req.param(p)));
            }
        }
        if (req.param("versionId") != null) {
            k.put("s3:VersionId", List.of(req.param("versionId")));
        }
        for (Map.Entry<String, List<String>> h : req.headersForSigning().entrySet()) {
            if (h.getKey().startsWith("x-amz-")) {
                k.put("s3:" + h.getKey(), h.getValue());
            }
        }
        if (LOCK_HEADER_WRITES.contains(req.operation())) {
            k.putAll(lockKeysFromHeaders(req));
        }
        return Map.copyOf(k);
    }

    /** The object-lock condition keys a write's lock headers supply (spec §6.2); none when it relies on defaults. */
    Map<String, List<String>> lockKeysFromHeaders(S3Request req) {
        Map<String, List<String>> k = new HashMap<>();
        String mode = req.header(LockHeaders.MODE);
        if (mode != null) {
            k.put("s3:object-lock-mode", List.of(mode.trim()));
        }
        String hold = req.header(LockHeaders.LEGAL_HOLD);
        if (hold != null) {
            k.put("s3:object-lock-legal-hold", List.of(hold.trim()));
        }
        String until = req.header(LockHeaders.RETAIN_UNTIL);
        if (until != null) {
            k.putAll(retentionKeys(until.trim()));
        }
        return k;
    }

    /**
     * {@code s3:object-lock-retain-until-date} and {@code s3:object-lock-remaining-retention-days} for a
     * requested date: whole days from the compliance clock, rounded up so that a cap of N days cannot be
     * exceeded by a fraction.
     */
    public Map<String, List<String>> retentionKeys(String untilText) {
        Map<String, List<String>> k = new HashMap<>();
        k.put("s3:object-lock-retain-until-date", List.of(untilText));
        Instant until;
        try {
            until = LockDates.parse(untilText);
        } catch (RuntimeException e) {
            return k;
        }
        if (until == null) {
            return k;
        }
        long millis = Duration.between(complianceClock.instant(), until).toMillis();
        k.put("s3:object-lock-remaining-retention-days", List.of(Long.toString(-Math.floorDiv(-millis, 86_400_000L))));
        return k;
    }
}
