package org.amber.s3.op;

import java.io.IOException;
import java.security.MessageDigest;
import org.amber.lockd.BlobRef;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.amber.lockd.Versioning;
import org.amber.lockd.port.BlobWriter;
import org.amber.s3.Conditions;
import org.amber.s3.CopySource;
import org.amber.s3.ObjectHeaders;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.Tags;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CopyObject: {@code PUT /bucket/key} with {@code x-amz-copy-source}. The source's bytes are read
 * (each chunk verified) into a new blob, then the new version goes through the pipeline like any
 * PutObject; the source is never touched.
 */
public final class CopyObject implements S3Operation {
    private final S3Services s;

    public CopyObject(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        BucketState dest = Ops.bucket(s, req);
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectVersion v = src.resolve(s);
        Conditions.ofCopySource(req).check(v);
        ObjectMeta meta = metadata(req, src, v).withTags(tags(req, v));
        if (v.size() > PutObject.MAX_SIZE) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
        }
        byte[] md5 = new byte[16];
        BlobRef blob = copy(v, md5);
        String etag = Ops.hex(md5);
        var cmd = new org.amber.lockd.command.PutObject(req.bucket(), req.key(), blob, v.size(), etag, meta);
        boolean sourceVersioned = s.published().bucket(src.bucket()).map(b -> b.versioning() != Versioning.UNVERSIONED).orElse(false);
        Ops.submit(s, req, response, callback, cmd, d -> {
            if (d.versionId() != null) {
                response.getHeaders().put("x-amz-version-id", d.versionId());
            }
            if (sourceVersioned) {
                response.getHeaders().put("x-amz-copy-source-version-id", v.versionId());
            }
            // The reply stage has just applied this record and no later one: the version is there.
            ObjectVersion created = dest.version(req.key(), d.versionId() != null ? d.versionId() : VersionIds.NULL).orElseThrow();
            byte[] body = XmlOut.s3("CopyObjectResult").el("LastModified", created.lastModified())
                    .el("ETag", Responses.quoted(etag)).finish();
            Responses.xml(response, callback, 200, body);
        });
    }

    /** COPY (the default) keeps the source's metadata; REPLACE takes the request's. */
    private static ObjectMeta metadata(S3Request req, CopySource src, ObjectVersion v) {
        String directive = req.header("x-amz-metadata-directive");
        if (directive == null || "COPY".equals(directive)) {
            if (src.bucket().equals(req.bucket()) && src.key().equals(req.key()) && src.versionId() == null) {
                throw new S3Exception(S3Error.COPY_TO_ITSELF);
            }
            return v.meta();
        }
        if ("REPLACE".equals(directive)) {
            return ObjectHeaders.fromRequest(req);
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Unknown metadata directive.",
                java.util.Map.of("ArgumentName", "x-amz-metadata-directive", "ArgumentValue", directive));
    }

    /** COPY (the default) keeps the source's tags; REPLACE takes {@code x-amz-tagging}. */
    private static java.util.Map<String, String> tags(S3Request req, ObjectVersion v) {
        String directive = req.header("x-amz-tagging-directive");
        if (directive == null || "COPY".equals(directive)) {
            return v.meta().tags();
        }
        if ("REPLACE".equals(directive)) {
            return Tags.fromHeader(req.header("x-amz-tagging"));
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Unknown tagging directive.",
                java.util.Map.of("ArgumentName", "x-amz-tagging-directive", "ArgumentValue", directive));
    }

    /** Copies the verified bytes of {@code v} into a new blob, filling {@code md5Out} with their MD5. */
    private BlobRef copy(ObjectVersion v, byte[] md5Out) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (BlobWriter w = s.blobs().create(v.size())) {
            if (v.size() > 0) {
                s.blobs().read(v.blob(), 0, v.size(), chunk -> {
                    md5.update(chunk.duplicate());
                    w.write(chunk);
                });
            }
            System.arraycopy(md5.digest(), 0, md5Out, 0, 16);
            return w.finish();
        }
    }
}
