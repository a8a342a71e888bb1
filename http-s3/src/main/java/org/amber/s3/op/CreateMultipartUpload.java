package org.amber.s3.op;

import org.amber.lockd.ObjectMeta;
import org.amber.lockd.event.UploadCreated;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.Tags;
import org.amber.s3.lock.LockHeaders;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CreateMultipartUpload: {@code POST /bucket/key?uploads}. Fixes the object's metadata, tags and
 * checksum now; the upload id is answered once the upload's creation is durable.
 */
public final class CreateMultipartUpload implements S3Operation {
    private final S3Services s;

    public CreateMultipartUpload(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        var bucket = Ops.bucket(s, req);
        var lock = LockHeaders.parse(req, bucket, null, s.complianceClock().instant());
        ObjectMeta meta = ObjectHeaders.fromRequest(req).withTags(Tags.fromHeader(req.header("x-amz-tagging")));
        UploadChecksum checksum = UploadChecksum.fromRequest(req);
        var cmd = new org.amber.lockd.command.CreateMultipartUpload(req.bucket(), req.key(), meta,
                checksum == null ? null : checksum.algorithm().wireName(), checksum == null ? null : checksum.type(), lock);
        Ops.submit(s, req, response, callback, cmd, d -> {
            String uploadId = ((UploadCreated) d.events().get(0)).uploadId();
            if (checksum != null) {
                response.getHeaders().put("x-amz-checksum-algorithm", checksum.algorithm().wireName());
                response.getHeaders().put("x-amz-checksum-type", checksum.type());
            }
            Responses.xml(response, callback, 200, XmlOut.s3("InitiateMultipartUploadResult").el("Bucket", req.bucket())
                    .el("Key", req.key()).el("UploadId", uploadId).finish());
        });
    }
}
