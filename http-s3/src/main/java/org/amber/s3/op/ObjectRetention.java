package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.lockd.policy.Arns;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.command.PutObjectRetention;
import org.amber.lockd.lock.Retention;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.lock.LockDates;
import org.amber.s3.lock.LockXml;
import org.amber.s3.lock.Permissions;
import org.amber.s3.xml.XmlIn;
import org.amber.s3.xml.XmlOut;

/**
 * PutObjectRetention and GetObjectRetention ({@code ?retention} on an object, optional {@code versionId};
 * OBJECT-LOCK-SPEC.md §4.1, §4.2). Whether a change is allowed is decided on the pipeline's decide
 * stage by {@link org.amber.lockd.lock.LockRules#retentionChange}, against the compliance clock.
 */
public final class ObjectRetention {
    private ObjectRetention() {
    }

    /** {@code PUT /bucket/key?retention}; an empty {@code <Retention/>} asks to remove it. */
    public static S3Operation put(S3Services s) {
        return (req, response, callback) -> {
            BucketState b = requireLock(s, req);
            Ops.requireIntegrity(req);
            Retention r = LockXml.retention(Ops.smallBody(req, XmlIn.MAX_BYTES));
            // The lock condition keys come from the body (spec §6.2), so the policy check waits for it.
            java.util.Map<String, java.util.List<String>> keys = new java.util.HashMap<>();
            if (r != null) {
                keys.put("s3:object-lock-mode", java.util.List.of(r.mode().name()));
                keys.putAll(s.access().retentionKeys(LockDates.format(r.retainUntil())));
            }
            s.access().require(req, "s3:PutObjectRetention", Arns.object(req.bucket(), req.key()), keys);
            String versionId = Ops.versionParam(req);
            // S3 looks the version up before it judges the date (§8): when there is none, the decision
            // answers NoSuchKey, NoSuchVersion or MethodNotAllowed; the date is checked here only to name it.
            var target = versionId == null ? b.latest(req.key()) : b.version(req.key(), versionId);
            if (r != null && target.filter(v -> !v.deleteMarker()).isPresent()) {
                LockDates.requireFuture(r.retainUntil(), s.complianceClock().instant(), "RetainUntilDate",
                        LockDates.asArgument(r.retainUntil()));
            }
            var cmd = new PutObjectRetention(req.bucket(), req.key(), versionId, r, Permissions.bypassGovernance(s, req, req.key(), keys));
            Ops.submit(s, req, response, callback, cmd, d -> Responses.empty(response, callback, 200));
        };
    }

    /** {@code GET /bucket/key?retention}; still shown after it expired. */
    public static S3Operation get(S3Services s) {
        return (req, response, callback) -> {
            BucketState b = requireLock(s, req);
            ObjectVersion v = Ops.findVersion(b, req, response);
            Retention r = v.lock().retention();
            if (r == null) {
                throw new S3Exception(S3Error.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
            }
            Responses.xml(response, callback, 200, XmlOut.s3("Retention").el("Mode", r.mode().name())
                    .el("RetainUntilDate", LockDates.format(r.retainUntil())).finish());
        };
    }

    /** The bucket, if it has Object Lock; 400 "Bucket is missing Object Lock Configuration" otherwise (E5). */
    static BucketState requireLock(S3Services s, S3Request req) {
        BucketState b = Ops.bucket(s, req);
        if (!b.objectLockEnabled()) {
            throw new S3Exception(S3Error.NO_LOCK_CONFIGURATION);
        }
        return b;
    }
}
