package org.amber.s3;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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

    /**
     * S3's copy preconditions: if-match (which, when true, overrides if-unmodified-since) and
     * if-none-match (which, when present, overrides if-modified-since); PreconditionFailed otherwise.
     */
    public static void checkPreconditions(S3Request req, ObjectVersion v) {
        String ifMatch = req.header("x-amz-copy-source-if-match");
        String ifNoneMatch = req.header("x-amz-copy-source-if-none-match");
        Instant modified = v.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        boolean ok = true;
        if (ifMatch != null) {
            ok = etagMatches(ifMatch, v.etag());
        } else {
            Instant unmodifiedSince = date(req.header("x-amz-copy-source-if-unmodified-since"));
            ok = unmodifiedSince == null || !modified.isAfter(unmodifiedSince);
        }
        if (ifNoneMatch != null) {
            ok &= !etagMatches(ifNoneMatch, v.etag());
        } else {
            Instant modifiedSince = date(req.header("x-amz-copy-source-if-modified-since"));
            ok &= modifiedSince == null || modified.isAfter(modifiedSince);
        }
        if (!ok) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.replace("\"", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP date; an unparseable one is ignored, as S3 ignores it. */
    static Instant date(String header) {
        if (header == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
