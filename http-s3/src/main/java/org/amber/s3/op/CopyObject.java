package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.amber.lockd.Versioning;
import org.amber.s3.BlobCopy;
import org.amber.s3.BodyReader;
import org.amber.s3.Conditions;
import org.amber.s3.body.ChecksumAlgorithm;
import org.amber.s3.lock.LockHeaders;
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
        // The copy gets the lock its own headers ask for, else the destination's default: never the source's (§3.5).
        var lock = LockHeaders.parse(req, dest, null, s.complianceClock().instant());
        if (v.size() > PutObject.MAX_SIZE) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
        }
        // The copy is one blob, so a multipart source's composite checksum would be wrong for it: the
        // copy gets a whole-object checksum of the algorithm asked for, else of the source's.
        String asked = req.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = asked != null ? ChecksumAlgorithm.fromName(asked).orElseThrow(() -> new S3Exception(
                S3Error.INVALID_REQUEST, "Value for x-amz-checksum-algorithm header is invalid."))
                : ObjectHeaders.checksumAlgorithm(v.meta()).orElse(null);
        BodyReader.Stored copied = BlobCopy.copy(s.blobs(), v, 0, v.size(), algorithm);
        String etag = Ops.hex(copied.md5());
        var cmd = new org.amber.lockd.command.PutObject(req.bucket(), req.key(), copied.blob(), v.size(), etag,
                ObjectHeaders.withChecksum(meta, copied.checksum()), lock);
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
}
