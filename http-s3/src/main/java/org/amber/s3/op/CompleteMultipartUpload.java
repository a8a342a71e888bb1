package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.Upload;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.multipart.Assembly;
import org.amber.s3.multipart.CompleteRequest;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.multipart.Uploads;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CompleteMultipartUpload: {@code POST /bucket/key?uploadId=U} with the list of parts. The version is
 * made of the listed parts where they lie (no byte is copied); parts left out are dropped with the
 * upload.
 */
public final class CompleteMultipartUpload implements S3Operation {
    private final S3Services s;

    public CompleteMultipartUpload(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        BucketState b = Ops.bucket(s, req);
        Upload upload = Uploads.find(b, req);
        CompleteRequest request = CompleteRequest.parse(Ops.smallBodyIgnoringChecksumHeaders(req, CompleteRequest.MAX_BYTES));
        UploadChecksum checksum = UploadChecksum.of(upload);
        Assembly a = Assembly.of(upload, request.parts(),
                checksum == null ? null : req.header(checksum.algorithm().headerName()));
        Map<String, String> headers = new java.util.TreeMap<>(upload.meta().headers());
        headers.putAll(a.checksumHeaders());
        ObjectMeta meta = upload.meta().withHeaders(headers);
        var cmd = new org.amber.lockd.command.CompleteMultipartUpload(req.bucket(), req.key(), upload.uploadId(), a.parts(),
                a.size(), a.etag(), meta);
        Ops.submit(s, req, response, callback, cmd, d -> {
            if (d.versionId() != null) {
                response.getHeaders().put("x-amz-version-id", d.versionId());
            }
            XmlOut x = XmlOut.s3("CompleteMultipartUploadResult")
                    .el("Location", "/" + req.bucket() + "/" + org.amber.s3.Percent.encodeKey(req.key()))
                    .el("Bucket", req.bucket()).el("Key", req.key()).el("ETag", Responses.quoted(a.etag()));
            if (checksum != null) {
                x.el("Checksum" + checksum.algorithm().wireName(), a.checksumHeaders().get(checksum.algorithm().headerName()))
                        .el("ChecksumType", checksum.type());
            }
            Responses.xml(response, callback, 200, x.finish());
        });
    }
}
