package org.amber.s3.op;

import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.multipart.Uploads;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** AbortMultipartUpload: {@code DELETE /bucket/key?uploadId=U}; 204 once the end of the upload is durable. */
public final class AbortMultipartUpload implements S3Operation {
    private final S3Services s;

    public AbortMultipartUpload(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Uploads.find(Ops.bucket(s, req), req);
        var cmd = new org.amber.lockd.command.AbortMultipartUpload(req.bucket(), req.key(), req.param("uploadId"));
        Ops.submit(s, req, response, callback, cmd, d -> Responses.empty(response, callback, 204));
    }
}
