package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.command.PutObjectLockConfiguration;
import org.amber.lockd.lock.DefaultRetention;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Services;
import org.amber.s3.lock.LockXml;
import org.amber.s3.xml.XmlIn;
import org.amber.s3.xml.XmlOut;

/**
 * PutObjectLockConfiguration and GetObjectLockConfiguration ({@code ?object-lock} on a bucket;
 * OBJECT-LOCK-SPEC.md §2.2, §2.3). Putting one enables Object Lock for good (versioning must be Enabled)
 * and sets or removes the default retention rule.
 */
public final class ObjectLockConfiguration {
    private ObjectLockConfiguration() {
    }

    /** {@code PUT /bucket?object-lock}. */
    public static S3Operation put(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            Ops.requireIntegrity(req);
            DefaultRetention rule = LockXml.configuration(Ops.smallBody(req, XmlIn.MAX_BYTES));
            Ops.submit(s, req, response, callback, new PutObjectLockConfiguration(req.bucket(), rule),
                    d -> Responses.empty(response, callback, 200));
        };
    }

    /** {@code GET /bucket?object-lock}: the rule only if there is one, with exactly one of Days and Years. */
    public static S3Operation get(S3Services s) {
        return (req, response, callback) -> {
            BucketState b = Ops.bucket(s, req);
            if (!b.objectLockEnabled()) {
                throw new S3Exception(S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND, S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND.message(),
                        Map.of("BucketName", req.bucket()));
            }
            XmlOut x = XmlOut.s3("ObjectLockConfiguration").el("ObjectLockEnabled", "Enabled");
            DefaultRetention rule = b.defaultRetention();
            if (rule != null) {
                x.start("Rule").start("DefaultRetention").el("Mode", rule.mode().name());
                if (rule.days() > 0) {
                    x.el("Days", rule.days());
                } else {
                    x.el("Years", rule.years());
                }
                x.end().end();
            }
            Responses.xml(response, callback, 200, x.finish());
        };
    }
}
