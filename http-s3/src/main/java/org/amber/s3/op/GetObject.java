package org.amber.s3.op;

import java.io.IOException;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Versioning;
import org.amber.s3.ByteRange;
import org.amber.s3.Conditions;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * GetObject and HeadObject: {@code GET|HEAD /bucket/key[?versionId=]}, with Range. Bytes are
 * streamed from the blob only after each chunk's checksum is verified.
 */
public final class GetObject implements S3Operation {
    private final S3Services s;
    private final boolean head;

    public GetObject(S3Services s, boolean head) {
        this.s = s;
        this.head = head;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws IOException {
        BucketState b = Ops.bucket(s, req);
        boolean showVersion = b.versioning() != Versioning.UNVERSIONED;
        ObjectVersion v = Ops.findVersion(b, req, response);
        boolean checksums = "ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode")) && req.header("range") == null;
        ObjectHeaders.write(response, v, showVersion, req.query(), checksums);
        Conditions.ofRequest(req).check(v);
        ByteRange range;
        try {
            range = ByteRange.parse(req.header("range"), v.size());
        } catch (S3Exception e) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + v.size());
            throw e;
        }
        if (range == null) {
            response.setStatus(200);
            range = new ByteRange(0, v.size());
        } else {
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, range.contentRange(v.size()));
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, range.length());
        if (head || range.length() == 0) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        s.blobs().read(v.blob(), range.first(), range.length(), chunk -> {
            try (Blocker.Callback blocker = Blocker.callback()) {
                response.write(false, chunk, blocker);
                blocker.block();
            }
        });
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }
}
