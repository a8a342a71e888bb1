package org.amber.s3.op;

import org.amber.lockd.Part;
import org.amber.s3.BodyReader;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.body.IncomingBody;
import org.amber.s3.body.VerifiedChecksum;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.multipart.Uploads;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * UploadPart: {@code PUT /bucket/key?partNumber=N&uploadId=U}. The body is streamed into its own
 * extent, verified like a PutObject's; if the upload keeps a checksum, the part's is computed even when
 * the client sends none. The 200 comes once the part is durable.
 */
public final class UploadPart implements S3Operation {
    private final S3Services s;

    public UploadPart(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        Uploads.Target t = Uploads.target(s, req);
        if (!t.upload().lock().isEmpty() || t.bucket().defaultRetention() != null) {
            org.amber.s3.lock.LockHeaders.requireIntegrity(req, "Put Part");
        }
        IncomingBody incoming = IncomingBody.open(req);
        if (incoming.length() > Part.MAX_SIZE) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        UploadChecksum checksum = UploadChecksum.of(t.upload());
        BodyReader.Stored body = BodyReader.store(s.blobs(), incoming, ObjectHeaders.contentMd5(req),
                checksum == null ? null : checksum.algorithm());
        submit(s, req, response, callback, t.number(), incoming.length(), body, null);
    }

    /**
     * Submits a part's command and answers: UploadPart with headers only, UploadPartCopy with a
     * CopyPartResult (when {@code copiedFrom}, the source version, is not null).
     */
    static void submit(S3Services s, S3Request req, Response response, Callback callback, int number, long size,
                       BodyReader.Stored body, org.amber.lockd.ObjectVersion copiedFrom) {
        String etag = Ops.hex(body.md5());
        VerifiedChecksum sum = body.checksum();
        var cmd = new org.amber.lockd.command.UploadPart(req.bucket(), req.key(), req.param("uploadId"), number, size, etag,
                body.blob(), sum == null ? java.util.Map.of() : java.util.Map.of(sum.headerName(), sum.base64()));
        Ops.submit(s, req, response, callback, cmd, d -> {
            if (copiedFrom == null) {
                response.getHeaders().put("ETag", Responses.quoted(etag));
                if (sum != null) {
                    response.getHeaders().put(sum.headerName(), sum.base64());
                }
                Responses.empty(response, callback, 200);
                return;
            }
            var stored = (org.amber.lockd.event.PartStored) d.events().get(0);
            var x = org.amber.s3.xml.XmlOut.s3("CopyPartResult").el("LastModified", stored.part().lastModified())
                    .el("ETag", Responses.quoted(etag));
            if (sum != null) {
                x.el("Checksum" + sum.algorithm().wireName(), sum.base64());
            }
            Responses.xml(response, callback, 200, x.finish());
        });
    }
}
