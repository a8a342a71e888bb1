package org.amber.s3.multipart;

import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.Part;
import org.amber.lockd.Upload;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;

/** Steps the multipart operations share: the upload a request names, its part number. */
public final class Uploads {
    private Uploads() {
    }

    /** What a part request (UploadPart, UploadPartCopy) writes to: the bucket, the upload and the part number. */
    public record Target(BucketState bucket, Upload upload, int number) {
    }

    /** The bucket, then the part number, then the upload, in S3's order of errors. */
    public static Target target(org.amber.s3.S3Services s, S3Request req) {
        BucketState b = org.amber.s3.Ops.bucket(s, req);
        int number = partNumber(req);
        return new Target(b, find(b, req), number);
    }

    /** The upload {@code ?uploadId=} names, in progress and for the request's key; NoSuchUpload otherwise. */
    public static Upload find(BucketState b, S3Request req) {
        String id = req.param("uploadId");
        return b.upload(id == null ? "" : id).filter(u -> u.key().equals(req.key()))
                .orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_UPLOAD, S3Error.NO_SUCH_UPLOAD.message(),
                        Map.of("UploadId", String.valueOf(id))));
    }

    /** {@code ?partNumber=}: an integer from 1 to 10,000, else InvalidArgument. */
    public static int partNumber(S3Request req) {
        String v = req.param("partNumber");
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= Part.MAX_PARTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and 10000, inclusive",
                Map.of("ArgumentName", "partNumber", "ArgumentValue", String.valueOf(v)));
    }

    /** A non-negative integer paging parameter such as max-parts (default and cap {@code max}). */
    public static int max(S3Request req, String name, int max) {
        String v = req.param(name);
        if (v == null) {
            return max;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return Math.min(n, max);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer range",
                Map.of("ArgumentName", name, "ArgumentValue", v));
    }
}
