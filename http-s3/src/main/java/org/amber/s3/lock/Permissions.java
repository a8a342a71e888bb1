package org.amber.s3.lock;

import org.amber.s3.S3Request;

/**
 * Who may do what beyond plain access, for the lock operations. Until identity and policy arrive (issue
 * 5), the root account holds every permission and no one else holds s3:BypassGovernanceRetention; issue
 * 5 replaces the body of these methods with the policy evaluator.
 */
public final class Permissions {
    private Permissions() {
    }

    /** Whether the caller is allowed s3:BypassGovernanceRetention on {@code bucket/key}. */
    public static boolean mayBypassGovernance(S3Request req, String bucket, String key) {
        return req.account() != null && req.account().root();
    }

    /** The governance bypass the request exercises: the header says true and the caller is allowed it. */
    public static boolean bypassGovernance(S3Request req, String key) {
        return "true".equalsIgnoreCase(String.valueOf(req.header("x-amz-bypass-governance-retention")).trim())
                && mayBypassGovernance(req, req.bucket(), key);
    }
}
