package org.amber.s3;

import java.util.Map;
import org.amber.lockd.Refusal;

/** Maps the state machine's refusals to S3 errors; the one place that knows both. */
public final class Refusals {
    private Refusals() {
    }

    public static S3Exception toS3(Refusal r, S3Request req) {
        switch (r) {
            case NO_SUCH_BUCKET:
                return new S3Exception(S3Error.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET.message(), Map.of("BucketName", req.bucket()));
            case BUCKET_ALREADY_OWNED_BY_YOU:
                return new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, S3Error.BUCKET_ALREADY_OWNED_BY_YOU.message(),
                        Map.of("BucketName", req.bucket()));
            case BUCKET_ALREADY_EXISTS:
                return new S3Exception(S3Error.BUCKET_ALREADY_EXISTS);
            case BUCKET_NOT_EMPTY:
                return new S3Exception(S3Error.BUCKET_NOT_EMPTY, S3Error.BUCKET_NOT_EMPTY.message(), Map.of("BucketName", req.bucket()));
            case NO_SUCH_KEY:
                return new S3Exception(S3Error.NO_SUCH_KEY, S3Error.NO_SUCH_KEY.message(), Map.of("Key", req.key()));
            case NO_SUCH_VERSION:
                return new S3Exception(S3Error.NO_SUCH_VERSION);
            case INVALID_VERSION_ID:
                return new S3Exception(S3Error.INVALID_VERSION_ID);
            case METHOD_NOT_ALLOWED:
                return new S3Exception(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.message(),
                        Map.of("Method", req.method(), "ResourceType", "DeleteMarker"));
            case NO_SUCH_UPLOAD:
                return new S3Exception(S3Error.NO_SUCH_UPLOAD, S3Error.NO_SUCH_UPLOAD.message(),
                        Map.of("UploadId", String.valueOf(req.param("uploadId"))));
            case INVALID_PART:
                return new S3Exception(S3Error.INVALID_PART);
            case ACCESS_DENIED:
                return new S3Exception(S3Error.ACCESS_DENIED);
            case OBJECT_LOCKED:
                return new S3Exception(S3Error.OBJECT_LOCKED);
            case NO_LOCK_CONFIGURATION:
                return new S3Exception(S3Error.NO_LOCK_CONFIGURATION);
            case LOCK_HEADERS_WITHOUT_LOCK:
                return new S3Exception(S3Error.LOCK_HEADERS_WITHOUT_LOCK);
            case VERSIONING_NOT_ENABLED:
                return new S3Exception(S3Error.VERSIONING_NOT_ENABLED_FOR_LOCK);
            case LOCK_KEEPS_VERSIONING:
                return new S3Exception(S3Error.LOCK_KEEPS_VERSIONING);
            case RETAIN_UNTIL_NOT_FUTURE: {
                // The compliance clock passed the date between the request's check and its decision.
                boolean header = req.header(org.amber.s3.lock.LockHeaders.RETAIN_UNTIL) != null;
                return new S3Exception(S3Error.RETAIN_UNTIL_NOT_FUTURE, S3Error.RETAIN_UNTIL_NOT_FUTURE.message(),
                        Map.of("ArgumentName", header ? org.amber.s3.lock.LockHeaders.RETAIN_UNTIL : "RetainUntilDate"));
            }
            case WRITES_STOPPED:
                return new S3Exception(S3Error.WRITES_STOPPED);
            case MEMORY_FULL:
                return new S3Exception(S3Error.MEMORY_FULL);
            case ACCOUNT_EXISTS:
            case INTERNAL_ERROR:
            default:
                return new S3Exception(S3Error.INTERNAL_ERROR);
        }
    }
}
