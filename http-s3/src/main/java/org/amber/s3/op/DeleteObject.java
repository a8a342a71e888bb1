package org.amber.s3.op;

import org.amber.s3.Ops;
import org.amber.s3.Responses;
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
        String versionId = Ops.versionParam(req);
        // The bypass header matters only for a version under GOVERNANCE retention; on a bucket without
        // Object Lock it is ignored (OBJECT-LOCK-SPEC.md §10 D2).
        var cmd = new org.amber.lockd.command.DeleteObject(req.bucket(), req.key(), versionId,
                org.amber.s3.lock.Permissions.bypassGovernance(s, req, req.key()));
        Ops.submit(s, req, response, callback, cmd, d -> {
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
