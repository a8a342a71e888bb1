package org.amber.s3.op;

import org.amber.lockd.Decision;
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
import org.amber.s3.Tags;
import org.amber.s3.body.IncomingBody;
import org.amber.s3.body.VerifiedChecksum;
import org.amber.s3.lock.LockHeaders;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * PutObject: {@code PUT /bucket/key}. The body (plain or aws-chunked) is streamed into a blob on this
 * thread and its digests checked, then the command goes through the pipeline; the 200 is sent only once
 * the version is durable.
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
        var bucket = Ops.bucket(s, req);
        IncomingBody incoming = IncomingBody.open(req);
        if (incoming.length() > MAX_SIZE) {
            throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
        }
        var lock = LockHeaders.parse(req, bucket, "Put Object", s.complianceClock().instant());
        ObjectMeta meta = incoming.storedMeta(ObjectHeaders.fromRequest(req))
                .withTags(Tags.fromHeader(req.header("x-amz-tagging")));
        byte[] md5 = ObjectHeaders.contentMd5(req);
        BodyReader.Stored body = BodyReader.store(s.blobs(), incoming, md5);
        String etag = Ops.hex(body.md5());
        var cmd = new org.amber.lockd.command.PutObject(req.bucket(), req.key(), body.blob(), incoming.length(), etag,
                ObjectHeaders.withChecksum(meta, body.checksum()), lock);
        Ops.submit(s, req, response, callback, cmd, d -> reply(response, callback, etag, d, body.checksum()));
    }

    /**
     * S3 echoes the checksum it verified and its type: "For PutObject uploads, the checksum type is always
     * FULL_OBJECT" (API reference, PutObject response, x-amz-checksum-type).
     */
    private static void reply(Response response, Callback callback, String etag, Decision d, VerifiedChecksum checksum) {
        response.getHeaders().put("ETag", Responses.quoted(etag));
        if (d.versionId() != null) {
            response.getHeaders().put("x-amz-version-id", d.versionId());
        }
        if (checksum != null) {
            response.getHeaders().put(checksum.headerName(), checksum.base64());
            response.getHeaders().put("x-amz-checksum-type", "FULL_OBJECT");
        }
        Responses.empty(response, callback, 200);
    }
}
