package org.amber.s3.op;

import java.io.IOException;
import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.amber.lockd.Versioning;
import org.amber.s3.ByteRange;
import org.amber.s3.Conditions;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
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
        ObjectVersion v = find(b, req, response);
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

    /** The version asked for; a delete marker answers as S3 does (404 latest, 405 by id). */
    private static ObjectVersion find(BucketState b, S3Request req, Response response) {
        String versionId = req.param("versionId");
        if (versionId == null) {
            ObjectVersion v = b.latest(req.key()).orElseThrow(() -> noSuchKey(req));
            if (v.deleteMarker()) {
                response.getHeaders().put("x-amz-delete-marker", "true");
                if (b.versioning() != Versioning.UNVERSIONED) {
                    response.getHeaders().put("x-amz-version-id", v.versionId());
                }
                throw noSuchKey(req);
            }
            return v;
        }
        if (!VersionIds.isWellFormed(versionId)) {
            throw new S3Exception(S3Error.INVALID_VERSION_ID);
        }
        ObjectVersion v = b.version(req.key(), versionId).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_VERSION,
                S3Error.NO_SUCH_VERSION.message(), Map.of("Key", req.key(), "VersionId", versionId)));
        if (v.deleteMarker()) {
            response.getHeaders().put("x-amz-delete-marker", "true");
            response.getHeaders().put("x-amz-version-id", v.versionId());
            response.getHeaders().put("Last-Modified", Responses.httpDate(v.lastModified()));
            response.getHeaders().put("Allow", "DELETE");
            throw new S3Exception(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.message(),
                    Map.of("Method", req.method(), "ResourceType", "DeleteMarker"));
        }
        return v;
    }

    private static S3Exception noSuchKey(S3Request req) {
        return new S3Exception(S3Error.NO_SUCH_KEY, S3Error.NO_SUCH_KEY.message(), Map.of("Key", req.key()));
    }
}
