package org.amber.s3.lock;

import java.util.Map;
import org.amber.lockd.policy.Arns;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;

/**
 * The governance bypass a request may exercise: the header says true and the caller is allowed
 * s3:BypassGovernanceRetention on the version's object (spec §5.5, §6.3). Whether the bypass is needed at
 * all is decided later, on the decide stage, against the version's lock.
 */
public final class Permissions {
    public static final String BYPASS_HEADER = "x-amz-bypass-governance-retention";

    private Permissions() {
    }

    /** Whether the caller is allowed s3:BypassGovernanceRetention on {@code bucket/key}. */
    public static boolean mayBypassGovernance(S3Services s, S3Request req, String bucket, String key,
                                              Map<String, java.util.List<String>> keys) {
        return s.access().allowed(req, "s3:BypassGovernanceRetention", Arns.object(bucket, key), keys);
    }

    /**
     * The governance bypass the request exercises: the header says true and the caller is allowed it, asked with
     * the same condition keys as the request's main action (spec §6.3).
     */
    public static boolean bypassGovernance(S3Services s, S3Request req, String key, Map<String, java.util.List<String>> keys) {
        return "true".equalsIgnoreCase(String.valueOf(req.header(BYPASS_HEADER)).trim())
                && mayBypassGovernance(s, req, req.bucket(), key, keys);
    }

    public static boolean bypassGovernance(S3Services s, S3Request req, String key) {
        return bypassGovernance(s, req, key, Map.of());
    }
}
