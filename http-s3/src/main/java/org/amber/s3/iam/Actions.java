package org.amber.s3.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.amber.lockd.policy.Arns;
import org.amber.s3.CopySource;
import org.amber.s3.S3Request;
import org.amber.s3.lock.LockHeaders;

/**
 * Which IAM actions each S3 operation needs, on which resource (AWS's "Actions, resources and condition keys
 * for Amazon S3"). One row per route name; a route missing here is a bug a test catches.
 */
public final class Actions {
    /**
     * One evaluation a request needs.
     *
     * @param bucket the bucket whose policy applies (the copy source's for a copy's read), or null
     */
    public record Check(String action, String resource, String bucket) {
    }

    /**
     * Operations that check their own permissions after reading what the decision depends on: the lock
     * keys in a retention or legal-hold body, each key of a multi-object delete, an IAM or STS action.
     */
    public static final Set<String> CHECKED_BY_THE_OPERATION = Set.of("PutObjectRetention", "PutObjectLegalHold",
            "DeleteObjects", "IamQuery");

    private static final Map<String, Function<S3Request, List<Check>>> ROWS = Map.ofEntries(
            // Matched by a policy Resource of "*" or "arn:aws:s3:::*", as AWS's examples write it.
            Map.entry("ListBuckets", r -> List.of(new Check("s3:ListAllMyBuckets", "arn:aws:s3:::*", null))),
            Map.entry("CreateBucket", Actions::createBucket),
            Map.entry("HeadBucket", r -> bucket(r, "s3:ListBucket")),
            Map.entry("DeleteBucket", r -> bucket(r, "s3:DeleteBucket")),
            Map.entry("GetBucketLocation", r -> bucket(r, "s3:GetBucketLocation")),
            Map.entry("PutBucketVersioning", r -> bucket(r, "s3:PutBucketVersioning")),
            Map.entry("GetBucketVersioning", r -> bucket(r, "s3:GetBucketVersioning")),
            Map.entry("ListObjects", r -> bucket(r, "s3:ListBucket")),
            Map.entry("ListObjectsV2", r -> bucket(r, "s3:ListBucket")),
            Map.entry("ListObjectVersions", r -> bucket(r, "s3:ListBucketVersions")),
            Map.entry("ListMultipartUploads", r -> bucket(r, "s3:ListBucketMultipartUploads")),
            Map.entry("PutObjectLockConfiguration", r -> bucket(r, "s3:PutBucketObjectLockConfiguration")),
            Map.entry("GetObjectLockConfiguration", r -> bucket(r, "s3:GetBucketObjectLockConfiguration")),
            Map.entry("PutBucketPolicy", r -> bucket(r, "s3:PutBucketPolicy")),
            Map.entry("GetBucketPolicy", r -> bucket(r, "s3:GetBucketPolicy")),
            Map.entry("DeleteBucketPolicy", r -> bucket(r, "s3:DeleteBucketPolicy")),
            Map.entry("GetBucketPolicyStatus", r -> bucket(r, "s3:GetBucketPolicyStatus")),
            Map.entry("PutObject", Actions::write),
            Map.entry("CopyObject", r -> withSourceRead(r, write(r))),
            Map.entry("CreateMultipartUpload", Actions::write),
            Map.entry("UploadPart", r -> object(r, "s3:PutObject")),
            Map.entry("UploadPartCopy", r -> withSourceRead(r, object(r, "s3:PutObject"))),
            Map.entry("CompleteMultipartUpload", r -> object(r, "s3:PutObject")),
            Map.entry("AbortMultipartUpload", r -> object(r, "s3:AbortMultipartUpload")),
            Map.entry("ListParts", r -> object(r, "s3:ListMultipartUploadParts")),
            Map.entry("GetObject", r -> object(r, versioned(r, "s3:GetObject", "s3:GetObjectVersion"))),
            Map.entry("HeadObject", r -> object(r, versioned(r, "s3:GetObject", "s3:GetObjectVersion"))),
            Map.entry("GetObjectAttributes", r -> object(r, versioned(r, "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes"))),
            Map.entry("DeleteObject", r -> object(r, versioned(r, "s3:DeleteObject", "s3:DeleteObjectVersion"))),
            Map.entry("PutObjectTagging", r -> object(r, versioned(r, "s3:PutObjectTagging", "s3:PutObjectVersionTagging"))),
            Map.entry("GetObjectTagging", r -> object(r, versioned(r, "s3:GetObjectTagging", "s3:GetObjectVersionTagging"))),
            Map.entry("DeleteObjectTagging", r -> object(r, versioned(r, "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"))),
            Map.entry("GetObjectRetention", r -> object(r, "s3:GetObjectRetention")),
            Map.entry("GetObjectLegalHold", r -> object(r, "s3:GetObjectLegalHold")));

    private Actions() {
    }

    /** The evaluations {@code route} needs before it runs; empty for {@link #CHECKED_BY_THE_OPERATION}. */
    public static List<Check> of(String route, S3Request req) {
        if (CHECKED_BY_THE_OPERATION.contains(route)) {
            return List.of();
        }
        Function<S3Request, List<Check>> row = ROWS.get(route);
        if (row == null) {
            throw new IllegalStateException("no IAM actions for route " + route);
        }
        return row.apply(req);
    }

    /** Whether {@code route} has a row (or checks itself). */
    public static boolean covers(String route) {
        return ROWS.containsKey(route) || CHECKED_BY_THE_OPERATION.contains(route);
    }

    private static List<Check> bucket(S3Request r, String action) {
        return List.of(new Check(action, Arns.bucket(r.bucket()), r.bucket()));
    }

    private static List<Check> object(S3Request r, String action) {
        return List.of(new Check(action, Arns.object(r.bucket(), r.key()), r.bucket()));
    }

    private static String versioned(S3Request r, String plain, String version) {
        return r.param("versionId") != null ? version : plain;
    }

    private static List<Check> createBucket(S3Request r) {
        List<Check> out = new ArrayList<>(bucket(r, "s3:CreateBucket"));
        if ("true".equalsIgnoreCase(String.valueOf(r.header("x-amz-bucket-object-lock-enabled")).trim())) {
            out.addAll(bucket(r, "s3:PutBucketObjectLockConfiguration"));
            out.addAll(bucket(r, "s3:PutBucketVersioning"));
        }
        return out;
    }

    /** A write's s3:PutObject, plus s3:PutObjectRetention / s3:PutObjectLegalHold for its lock headers (spec §3.3). */
    private static List<Check> write(S3Request r) {
        List<Check> out = new ArrayList<>(object(r, "s3:PutObject"));
        if (r.header(LockHeaders.MODE) != null || r.header(LockHeaders.RETAIN_UNTIL) != null) {
            out.addAll(object(r, "s3:PutObjectRetention"));
        }
        if (r.header(LockHeaders.LEGAL_HOLD) != null) {
            out.addAll(object(r, "s3:PutObjectLegalHold"));
        }
        return out;
    }

    private static List<Check> withSourceRead(S3Request r, List<Check> writes) {
        List<Check> out = new ArrayList<>(writes);
        CopySource src;
        try {
            src = CopySource.parse(r.header("x-amz-copy-source"));
        } catch (RuntimeException e) {
            return out; // the operation answers the malformed header
        }
        out.add(new Check(src.versionId() != null ? "s3:GetObjectVersion" : "s3:GetObject", Arns.object(src.bucket(), src.key()),
                src.bucket()));
        return out;
    }
}
