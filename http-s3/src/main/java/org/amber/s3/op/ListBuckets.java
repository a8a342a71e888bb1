package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** ListBuckets: {@code GET /}. */
public final class ListBuckets implements S3Operation {
    private final S3Services s;

    public ListBuckets(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        XmlOut x = XmlOut.s3("ListAllMyBucketsResult");
        Ops.owner(x, req.caller().arn());
        x.start("Buckets");
        for (BucketState b : s.published().buckets()) {
            x.start("Bucket").el("Name", b.name()).el("CreationDate", b.created()).end();
        }
        x.end();
        Responses.xml(response, callback, 200, x.finish());
    }
}
