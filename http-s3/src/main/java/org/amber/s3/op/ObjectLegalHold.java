package org.amber.s3.op;

import org.amber.lockd.ObjectVersion;
import org.amber.lockd.command.PutObjectLegalHold;
import org.amber.lockd.lock.LegalHold;
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
 * PutObjectLegalHold and GetObjectLegalHold ({@code ?legal-hold} on an object, optional {@code versionId};
 * OBJECT-LOCK-SPEC.md §4.3, §4.4). A legal hold is independent of retention and never needs a bypass.
 */
public final class ObjectLegalHold {
    private ObjectLegalHold() {
    }

    /**
     * {@code PUT /bucket/key?legal-hold}. AWS checks that a body is there before it checks the bucket has
     * Object Lock (§4.3): a missing body is MalformedXML even on a plain bucket.
     */
    public static S3Operation put(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            if (req.jetty().getLength() == 0) {
                throw new S3Exception(S3Error.MALFORMED_XML);
            }
            ObjectRetention.requireLock(s, req);
            Ops.requireIntegrity(req);
            LegalHold status = LockXml.legalHold(Ops.smallBody(req, XmlIn.MAX_BYTES));
            // s3:object-lock-legal-hold comes from the body (spec §6.2), so the policy check waits for it.
            s.access().require(req, "s3:PutObjectLegalHold", org.amber.lockd.policy.Arns.object(req.bucket(), req.key()),
                    java.util.Map.of("s3:object-lock-legal-hold", java.util.List.of(status.name())));
            var cmd = new PutObjectLegalHold(req.bucket(), req.key(), Ops.versionParam(req), status);
            Ops.submit(s, req, response, callback, cmd, d -> Responses.empty(response, callback, 200));
        };
    }

    /** {@code GET /bucket/key?legal-hold}: ON or OFF once a hold was ever set. */
    public static S3Operation get(S3Services s) {
        return (req, response, callback) -> {
            ObjectVersion v = Ops.findVersion(ObjectRetention.requireLock(s, req), req, response);
            if (v.lock().legalHold() == null) {
                throw new S3Exception(S3Error.NO_SUCH_OBJECT_LOCK_CONFIGURATION);
            }
            Responses.xml(response, callback, 200, XmlOut.s3("LegalHold").el("Status", v.lock().legalHold().name()).finish());
        };
    }
}
