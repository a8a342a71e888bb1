package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Versioning;
import org.amber.lockd.command.PutObjectTagging;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.Tags;
import org.amber.s3.xml.XmlIn;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * PutObjectTagging, GetObjectTagging and DeleteObjectTagging ({@code ?tagging} on an object, with an
 * optional {@code versionId}). Changing tags never creates a version or moves Last-Modified.
 */
public final class ObjectTagging {
    private ObjectTagging() {
    }

    /** {@code PUT /bucket/key?tagging}: replaces the version's tags. */
    public static S3Operation put(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            Map<String, String> tags = Tags.fromXml(Ops.smallBody(req, XmlIn.MAX_BYTES * 4));
            set(s, req, response, callback, tags, 200);
        };
    }

    /** {@code DELETE /bucket/key?tagging}: removes every tag. */
    public static S3Operation delete(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            set(s, req, response, callback, Map.of(), 204);
        };
    }

    /** {@code GET /bucket/key?tagging}: the version's tags. */
    public static S3Operation get(S3Services s) {
        return (req, response, callback) -> {
            BucketState b = Ops.bucket(s, req);
            ObjectVersion v = Ops.findVersion(b, req, response);
            if (b.versioning() != Versioning.UNVERSIONED) {
                response.getHeaders().put("x-amz-version-id", v.versionId());
            }
            Responses.xml(response, callback, 200, Tags.toXml(v.meta().tags()));
        };
    }

    private static void set(S3Services s, S3Request req, Response response, Callback callback, Map<String, String> tags,
                            int status) {
        String versionId = Ops.versionParam(req);
        boolean versioned = Ops.bucket(s, req).versioning() != Versioning.UNVERSIONED;
        Ops.submit(s, req, response, callback, new PutObjectTagging(req.bucket(), req.key(), versionId, tags), d -> {
            if (versioned) {
                response.getHeaders().put("x-amz-version-id", d.versionId());
            }
            Responses.empty(response, callback, status);
        });
    }
}
