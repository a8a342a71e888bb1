package org.amber.s3;

import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;

/**
 * The {@code x-amz-copy-source} of a CopyObject ({@code [/]bucket/key[?versionId=id]}, URL-encoded)
 * and its {@code x-amz-copy-source-if-*} preconditions.
 */
public record CopySource(String bucket, String key, String versionId) {

    public static CopySource parse(String header) {
        String h = header.startsWith("/") ? header.substring(1) : header;
        String versionId = null;
        int q = h.indexOf('?');
        if (q >= 0) {
            String query = h.substring(q + 1);
            h = h.substring(0, q);
            if (!query.startsWith("versionId=")) {
                throw new S3Exception(S3Error.INVALID_COPY_SOURCE);
            }
            versionId = Percent.decodeQuery(query.substring("versionId=".length()));
            if (!VersionIds.isWellFormed(versionId)) {
                throw new S3Exception(S3Error.INVALID_VERSION_ID);
            }
        }
        String path = Percent.decodePath(h);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new S3Exception(S3Error.INVALID_COPY_SOURCE);
        }
        return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId);
    }

    /** The version to copy, from the durable state; the errors S3 gives for each way it can be missing. */
    public ObjectVersion resolve(S3Services s) {
        BucketState b = s.published().bucket(bucket).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_BUCKET,
                S3Error.NO_SUCH_BUCKET.message(), Map.of("BucketName", bucket)));
        if (versionId == null) {
            ObjectVersion v = b.latest(key).orElseThrow(() -> noSuchKey());
            if (v.deleteMarker()) {
                throw noSuchKey();
            }
            return v;
        }
        ObjectVersion v = b.version(key, versionId).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_VERSION,
                S3Error.NO_SUCH_VERSION.message(), Map.of("Key", key, "VersionId", versionId)));
        if (v.deleteMarker()) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The source of a copy request may not specifically refer to a delete marker by version id.");
        }
        return v;
    }

    private S3Exception noSuchKey() {
        return new S3Exception(S3Error.NO_SUCH_KEY, S3Error.NO_SUCH_KEY.message(), Map.of("Key", key));
    }
}
