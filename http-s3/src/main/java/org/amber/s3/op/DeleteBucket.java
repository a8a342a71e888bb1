package org.amber.s3.op;

import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** DeleteBucket: {@code DELETE /bucket}; only an empty bucket (no versions, no markers) goes. */
public final class DeleteBucket implements S3Operation {
    private final S3Services s;

    public DeleteBucket(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Ops.submit(s, req, response, callback, new org.amber.lockd.command.DeleteBucket(req.bucket()),
                d -> Responses.empty(response, callback, 204));
    }
}
