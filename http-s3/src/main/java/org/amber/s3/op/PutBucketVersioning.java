package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.Versioning;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlIn;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** PutBucketVersioning: {@code PUT /bucket?versioning} with Status Enabled or Suspended. */
public final class PutBucketVersioning implements S3Operation {
    private final S3Services s;

    public PutBucketVersioning(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        Ops.bucket(s, req);
        Map<String, String> xml = XmlIn.leaves(Ops.smallBody(req, XmlIn.MAX_BYTES));
        if (!"VersioningConfiguration".equals(xml.get(""))) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        String mfa = xml.get("VersioningConfiguration/MfaDelete");
        if ("Enabled".equals(mfa)) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED, "MFA Delete is not supported by this server.");
        }
        String status = xml.get("VersioningConfiguration/Status");
        Versioning v;
        if ("Enabled".equals(status)) {
            v = Versioning.ENABLED;
        } else if ("Suspended".equals(status)) {
            v = Versioning.SUSPENDED;
        } else if (status == null) {
            // S3 accepts a configuration without Status and changes nothing.
            Responses.empty(response, callback, 200);
            return;
        } else {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        Ops.submit(s, req, response, callback, new org.amber.lockd.command.PutBucketVersioning(req.bucket(), v),
                d -> Responses.empty(response, callback, 200));
    }
}
