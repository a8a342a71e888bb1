package org.amber.s3.op;

import org.amber.lockd.VersionIds;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * DeleteObject: {@code DELETE /bucket/key[?versionId=]}. Without a version id, a versioned bucket
 * gets a delete marker; with one, exactly that version is removed.
 */
public final class DeleteObject implements S3Operation {
    private final S3Services s;

    public DeleteObject(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Ops.bucket(s, req);
        String versionId = req.param("versionId");
        if (versionId != null && !VersionIds.isWellFormed(versionId)) {
            throw new S3Exception(S3Error.INVALID_VERSION_ID);
        }
        Ops.submit(s, req, response, callback, new org.amber.lockd.command.DeleteObject(req.bucket(), req.key(), versionId), d -> {
            if (d.versionId() != null) {
                response.getHeaders().put("x-amz-version-id", d.versionId());
            }
            if (d.deleteMarker()) {
                response.getHeaders().put("x-amz-delete-marker", "true");
            }
            Responses.empty(response, callback, 204);
        });
    }
}
