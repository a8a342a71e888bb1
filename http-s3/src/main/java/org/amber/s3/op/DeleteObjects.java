package org.amber.s3.op;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.amber.lockd.Decision;
import org.amber.lockd.Refusal;
import org.amber.lockd.VersionIds;
import org.amber.s3.Ops;
import org.amber.s3.Refusals;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3ErrorWriter;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.DeleteRequest;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * DeleteObjects: {@code POST /bucket?delete} with up to 1,000 keys. Each key goes through the
 * pipeline as its own DeleteObject command, in order — the same decision (and the same lock
 * checks) as a single delete — and the answer, one result per key, is sent once every one of them
 * is durable.
 */
public final class DeleteObjects implements S3Operation {
    private final S3Services s;

    public DeleteObjects(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        Ops.bucket(s, req);
        Ops.requireIntegrity(req);
        byte[] body = Ops.smallBody(req, DeleteRequest.MAX_BYTES);
        DeleteRequest dr = DeleteRequest.parse(body);
        List<DeleteRequest.ObjectId> objects = dr.objects();
        Decision[] results = new Decision[objects.size()];
        AtomicInteger remaining = new AtomicInteger(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            int n = i;
            DeleteRequest.ObjectId o = objects.get(i);
            if (o.versionId() != null && !VersionIds.isWellFormed(o.versionId())) {
                complete(results, n, Decision.refuse(Refusal.INVALID_VERSION_ID), remaining, req, dr, response, callback);
                continue;
            }
            // Each key is its own s3:DeleteObject(Version) question, answered per key like any other refusal.
            String action = o.versionId() == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion";
            java.util.Map<String, java.util.List<String>> keys = o.versionId() == null ? java.util.Map.of()
                    : java.util.Map.of("s3:VersionId", java.util.List.of(o.versionId()));
            if (!s.access().allowed(req, action, org.amber.lockd.policy.Arns.object(req.bucket(), o.key()), keys)) {
                complete(results, n, Decision.refuse(Refusal.ACCESS_DENIED), remaining, req, dr, response, callback);
                continue;
            }
            // The bypass header applies to every entry, each checked against its own object (§5.3).
            s.bus().submit(new org.amber.lockd.command.DeleteObject(req.bucket(), o.key(), o.versionId(),
                            org.amber.s3.lock.Permissions.bypassGovernance(s, req, o.key(), keys)), req.context(),
                    d -> complete(results, n, d, remaining, req, dr, response, callback));
        }
    }

    /** Records one key's outcome; the last one to arrive writes the response. Thread: reply thread or caller. */
    private static void complete(Decision[] results, int n, Decision d, AtomicInteger remaining, S3Request req,
                                 DeleteRequest dr, Response response, Callback callback) {
        synchronized (results) {
            results[n] = d;
        }
        if (remaining.decrementAndGet() > 0) {
            return;
        }
        synchronized (results) {
            for (Decision r : results) {
                if (r.refusal() == Refusal.WRITES_STOPPED) {
                    S3ErrorWriter.write(req.method(), req.requestId(), new S3Exception(S3Error.WRITES_STOPPED), response, callback);
                    return;
                }
            }
            Responses.xml(response, callback, 200, result(results, req, dr));
        }
    }

    private static byte[] result(Decision[] results, S3Request req, DeleteRequest dr) {
        XmlOut x = XmlOut.s3("DeleteResult");
        for (int i = 0; i < results.length; i++) {
            DeleteRequest.ObjectId o = dr.objects().get(i);
            Decision d = results[i];
            if (d.refused()) {
                S3Exception e = Refusals.toS3(d.refusal(), req);
                x.start("Error").el("Key", o.key()).el("VersionId", o.versionId())
                        .el("Code", e.error().code()).el("Message", e.getMessage()).end();
            } else if (!dr.quiet()) {
                deleted(x, o, d);
            }
        }
        return x.finish();
    }

    private static void deleted(XmlOut x, DeleteRequest.ObjectId o, Decision d) {
        x.start("Deleted").el("Key", o.key()).el("VersionId", o.versionId());
        if (d.deleteMarker()) {
            x.el("DeleteMarker", true).el("DeleteMarkerVersionId", d.versionId());
        }
        x.end();
    }
}
