package org.amber.s3.op;

import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** GetBucketLocation: {@code GET /bucket?location}; us-east-1 is an empty constraint, as on S3. */
public final class GetBucketLocation implements S3Operation {
    private final S3Services s;

    public GetBucketLocation(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Ops.bucket(s, req);
        XmlOut x = XmlOut.s3("LocationConstraint");
        if (!"us-east-1".equals(s.region())) {
            x.text(s.region());
        }
        Responses.xml(response, callback, 200, x.finish());
    }
}
