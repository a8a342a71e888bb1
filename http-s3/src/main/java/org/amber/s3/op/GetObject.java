package org.amber.s3.op;

import java.io.IOException;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.Versioning;
import org.amber.s3.ByteRange;
import org.amber.s3.Conditions;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.multipart.Uploads;
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
        boolean checksumMode = "ENABLED".equalsIgnoreCase(req.header("x-amz-checksum-mode"));
        boolean partOnly = req.param("partNumber") != null;
        ObjectHeaders.write(response, v, showVersion, req.query(), checksumMode && req.header("range") == null && !partOnly);
        // Lock headers only for callers allowed to read them (spec §4.5); asked only when there is something to show.
        String arn = org.amber.lockd.policy.Arns.object(req.bucket(), req.key());
        org.amber.s3.lock.LockHeaders.write(response, v,
                v.lock().retention() != null && s.access().allowed(req, "s3:GetObjectRetention", arn, java.util.Map.of()),
                v.lock().legalHold() != null && s.access().allowed(req, "s3:GetObjectLegalHold", arn, java.util.Map.of()));
        Conditions.ofRequest(req).check(v);
        ByteRange range;
        if (partOnly) {
            range = partRange(req, v, response, checksumMode);
        } else {
            try {
                range = ByteRange.parse(req.header("range"), v.size());
            } catch (S3Exception e) {
                response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + v.size());
                throw e;
            }
        }
        if (range == null) {
            response.setStatus(200);
            range = new ByteRange(0, v.size());
        } else if (range.length() == 0) {
            response.setStatus(200); // an empty part: no bytes, so no Content-Range to state
        } else {
            response.setStatus(206);
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, range.contentRange(v.size()));
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, range.length());
        if (head || range.length() == 0) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        s.blobs().read(v.extents(), range.first(), range.length(), chunk -> {
            try (Blocker.Callback blocker = Blocker.callback()) {
                response.write(false, chunk, blocker);
                blocker.block();
            }
        });
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /**
     * {@code ?partNumber=N}: the Nth part of a multipart version (counting the parts it was completed
     * from, 1 to {@code x-amz-mp-parts-count}); a version from a single PUT has one part, itself.
     */
    private static ByteRange partRange(S3Request req, ObjectVersion v, Response response, boolean checksumMode) {
        if (req.header("range") != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Cannot specify both Range header and partNumber query parameter");
        }
        int n = Uploads.partNumber(req);
        int count = v.multipart() ? v.parts().size() : 1;
        if (n > count) {
            throw new S3Exception(S3Error.INVALID_PART_NUMBER);
        }
        if (!v.multipart()) {
            return v.size() == 0 ? null : new ByteRange(0, v.size());
        }
        response.getHeaders().put("x-amz-mp-parts-count", Integer.toString(count));
        long offset = 0;
        for (int i = 0; i < n - 1; i++) {
            offset += v.parts().get(i).size();
        }
        Part p = v.parts().get(n - 1);
        if (checksumMode) {
            p.checksums().forEach(response.getHeaders()::put);
        }
        return new ByteRange(offset, p.size());
    }
}
