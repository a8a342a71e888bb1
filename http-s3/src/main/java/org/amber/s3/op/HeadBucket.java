package org.amber.s3.op;

import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** HeadBucket: {@code HEAD /bucket}. */
public final class HeadBucket implements S3Operation {
    private final S3Services s;

    public HeadBucket(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Ops.bucket(s, req);
        response.getHeaders().put("x-amz-bucket-region", s.region());
        Responses.empty(response, callback, 200);
    }
}
