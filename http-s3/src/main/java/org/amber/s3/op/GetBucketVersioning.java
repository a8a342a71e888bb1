package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.lockd.Versioning;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** GetBucketVersioning: {@code GET /bucket?versioning}; a never-versioned bucket has no Status. */
public final class GetBucketVersioning implements S3Operation {
    private final S3Services s;

    public GetBucketVersioning(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        BucketState b = Ops.bucket(s, req);
        XmlOut x = XmlOut.s3("VersioningConfiguration");
        if (b.versioning() == Versioning.ENABLED) {
            x.el("Status", "Enabled");
        } else if (b.versioning() == Versioning.SUSPENDED) {
            x.el("Status", "Suspended");
        }
        Responses.xml(response, callback, 200, x.finish());
    }
}
