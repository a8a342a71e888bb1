package org.amber.s3.op;

import org.amber.lockd.ObjectMeta;
import org.amber.s3.BodyReader;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.auth.PayloadMode;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * PutObject: {@code PUT /bucket/key}. The body is streamed into a blob on this thread, then the
 * command goes through the pipeline; the 200 is sent only once the version is durable.
 */
public final class PutObject implements S3Operation {
    /** S3's largest single PUT. */
    public static final long MAX_SIZE = 5L << 30;
    private final S3Services s;

    public PutObject(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        Ops.bucket(s, req);
        PayloadMode mode = req.auth().payload();
        if (mode != PayloadMode.SIGNED && mode != PayloadMode.UNSIGNED) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED, "aws-chunked payloads are not implemented by this server yet.");
        }
        long length = req.jetty().getLength();
        if (length < 0) {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH);
        }
        if (length > MAX_SIZE) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        ObjectMeta meta = ObjectHeaders.fromRequest(req);
        byte[] md5 = ObjectHeaders.contentMd5(req);
        BodyReader.Stored body = BodyReader.store(req, s.blobs(), length, req.auth().payloadSha256Hex(), md5);
        String etag = Ops.hex(body.md5());
        var cmd = new org.amber.lockd.command.PutObject(req.bucket(), req.key(), body.blob(), length, etag, meta);
        Ops.submit(s, req, response, callback, cmd, d -> {
            response.getHeaders().put("ETag", Responses.quoted(etag));
            if (d.versionId() != null) {
                response.getHeaders().put("x-amz-version-id", d.versionId());
            }
            Responses.empty(response, callback, 200);
        });
    }
}
