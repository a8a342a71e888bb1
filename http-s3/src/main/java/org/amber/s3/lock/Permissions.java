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
    public static boolean mayBypassGovernance(S3Services s, S3Request req, String bucket, String key) {
        return s.access().allowed(req, "s3:BypassGovernanceRetention", Arns.object(bucket, key), Map.of());
    }

    /** The governance bypass the request exercises: the header says true and the caller is allowed it. */
    public static boolean bypassGovernance(S3Services s, S3Request req, String key) {
        return "true".equalsIgnoreCase(String.valueOf(req.header(BYPASS_HEADER)).trim())
                && mayBypassGovernance(s, req, req.bucket(), key);
    }
}
