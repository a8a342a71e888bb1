package org.amber.s3;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amber.s3.op.AbortMultipartUpload;
import org.amber.s3.op.BucketPolicy;
import org.amber.s3.op.CompleteMultipartUpload;
import org.amber.s3.op.IamQuery;
import org.amber.s3.op.CopyObject;
import org.amber.s3.op.CreateMultipartUpload;
import org.amber.s3.op.CreateBucket;
import org.amber.s3.op.DeleteBucket;
import org.amber.s3.op.DeleteObject;
import org.amber.s3.op.DeleteObjects;
import org.amber.s3.op.GetBucketLocation;
import org.amber.s3.op.GetBucketVersioning;
import org.amber.s3.op.GetObject;
import org.amber.s3.op.GetObjectAttributes;
import org.amber.s3.op.HeadBucket;
import org.amber.s3.op.ListBuckets;
import org.amber.s3.op.ListObjectVersions;
import org.amber.s3.op.ListObjects;
import org.amber.s3.op.ListMultipartUploads;
import org.amber.s3.op.ListObjectsV2;
import org.amber.s3.op.ListParts;
import org.amber.s3.op.ObjectLegalHold;
import org.amber.s3.op.ObjectLockConfiguration;
import org.amber.s3.op.ObjectRetention;
import org.amber.s3.op.ObjectTagging;
import org.amber.s3.op.PutBucketVersioning;
import org.amber.s3.op.PutObject;
import org.amber.s3.op.UploadPart;
import org.amber.s3.op.UploadPartCopy;

/**
 * The route table: every S3 operation Amber implements, one row each. A request matches a row only
 * if its sub-resource set equals the row's exactly; anything else is 501 NotImplemented and
 * changes nothing. There is no catch-all: s3proxy once stored {@code ?retention} bodies as
 * objects because an unknown sub-resource fell through to PutObject.
 */
public final class S3Routes {
    /**
     * Query parameters that qualify an operation rather than select one. Every other parameter is a
     * sub-resource, so an unknown one matches no route (allow-list, not deny-list).
     */
    static final Set<String> PLAIN_PARAMETERS = Set.of(
            "prefix", "delimiter", "marker", "max-keys", "encoding-type", "continuation-token", "fetch-owner",
            "start-after", "key-marker", "version-id-marker", "versionId", "x-id",
            "max-parts", "part-number-marker", "max-uploads", "upload-id-marker",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding",
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature", "X-Amz-Security-Token", "x-amz-expected-bucket-owner");

    /**
     * Headers that turn one operation into another on the same method and path (CopyObject is a PUT
     * with {@code x-amz-copy-source}); matched exactly, like sub-resources.
     */
    static final Set<String> SELECTOR_HEADERS = Set.of("x-amz-copy-source");

    private final List<Route> routes;

    public S3Routes(S3Services s) {
        routes = List.of(
                new Route("GET", Level.SERVICE, Set.of(), "ListBuckets", new ListBuckets(s)),
                new Route("PUT", Level.BUCKET, Set.of(), "CreateBucket", new CreateBucket(s)),
                new Route("HEAD", Level.BUCKET, Set.of(), "HeadBucket", new HeadBucket(s)),
                new Route("DELETE", Level.BUCKET, Set.of(), "DeleteBucket", new DeleteBucket(s)),
                new Route("GET", Level.BUCKET, Set.of("location"), "GetBucketLocation", new GetBucketLocation(s)),
                new Route("PUT", Level.BUCKET, Set.of("versioning"), "PutBucketVersioning", new PutBucketVersioning(s)),
                new Route("GET", Level.BUCKET, Set.of("versioning"), "GetBucketVersioning", new GetBucketVersioning(s)),
                new Route("GET", Level.BUCKET, Set.of(), "ListObjects", new ListObjects(s)),
                new Route("GET", Level.BUCKET, Set.of("list-type"), "ListObjectsV2", new ListObjectsV2(s)),
                new Route("GET", Level.BUCKET, Set.of("versions"), "ListObjectVersions", new ListObjectVersions(s)),
                new Route("PUT", Level.OBJECT, Set.of(), "PutObject", new PutObject(s)),
                new Route("PUT", Level.OBJECT, Set.of(), Set.of("x-amz-copy-source"), "CopyObject", new CopyObject(s)),
                new Route("POST", Level.BUCKET, Set.of("delete"), "DeleteObjects", new DeleteObjects(s)),
                new Route("GET", Level.OBJECT, Set.of(), "GetObject", new GetObject(s, false)),
                new Route("HEAD", Level.OBJECT, Set.of(), "HeadObject", new GetObject(s, true)),
                new Route("DELETE", Level.OBJECT, Set.of(), "DeleteObject", new DeleteObject(s)),
                new Route("PUT", Level.OBJECT, Set.of("tagging"), "PutObjectTagging", ObjectTagging.put(s)),
                new Route("GET", Level.OBJECT, Set.of("tagging"), "GetObjectTagging", ObjectTagging.get(s)),
                new Route("GET", Level.OBJECT, Set.of("attributes"), "GetObjectAttributes", new GetObjectAttributes(s)),
                new Route("DELETE", Level.OBJECT, Set.of("tagging"), "DeleteObjectTagging", ObjectTagging.delete(s)),
                new Route("GET", Level.OBJECT, Set.of("partNumber"), "GetObject", new GetObject(s, false)),
                new Route("HEAD", Level.OBJECT, Set.of("partNumber"), "HeadObject", new GetObject(s, true)),
                new Route("POST", Level.OBJECT, Set.of("uploads"), "CreateMultipartUpload", new CreateMultipartUpload(s)),
                new Route("PUT", Level.OBJECT, Set.of("partNumber", "uploadId"), "UploadPart", new UploadPart(s)),
                new Route("PUT", Level.OBJECT, Set.of("partNumber", "uploadId"), Set.of("x-amz-copy-source"), "UploadPartCopy",
                        new UploadPartCopy(s)),
                new Route("POST", Level.OBJECT, Set.of("uploadId"), "CompleteMultipartUpload", new CompleteMultipartUpload(s)),
                new Route("DELETE", Level.OBJECT, Set.of("uploadId"), "AbortMultipartUpload", new AbortMultipartUpload(s)),
                new Route("GET", Level.OBJECT, Set.of("uploadId"), "ListParts", new ListParts(s)),
                new Route("GET", Level.BUCKET, Set.of("uploads"), "ListMultipartUploads", new ListMultipartUploads(s)),
                new Route("PUT", Level.BUCKET, Set.of("object-lock"), "PutObjectLockConfiguration", ObjectLockConfiguration.put(s)),
                new Route("GET", Level.BUCKET, Set.of("object-lock"), "GetObjectLockConfiguration", ObjectLockConfiguration.get(s)),
                new Route("PUT", Level.OBJECT, Set.of("retention"), "PutObjectRetention", ObjectRetention.put(s)),
                new Route("GET", Level.OBJECT, Set.of("retention"), "GetObjectRetention", ObjectRetention.get(s)),
                new Route("PUT", Level.OBJECT, Set.of("legal-hold"), "PutObjectLegalHold", ObjectLegalHold.put(s)),
                new Route("GET", Level.OBJECT, Set.of("legal-hold"), "GetObjectLegalHold", ObjectLegalHold.get(s)),
                new Route("PUT", Level.BUCKET, Set.of("policy"), "PutBucketPolicy", BucketPolicy.put(s)),
                new Route("GET", Level.BUCKET, Set.of("policy"), "GetBucketPolicy", BucketPolicy.get(s)),
                new Route("DELETE", Level.BUCKET, Set.of("policy"), "DeleteBucketPolicy", BucketPolicy.delete(s)),
                new Route("GET", Level.BUCKET, Set.of("policyStatus"), "GetBucketPolicyStatus", BucketPolicy.status(s)),
                new Route("POST", Level.SERVICE, Set.of(), "IamQuery", new IamQuery(s)));
    }

    /** The sub-resources of a request: its query parameter names that are not plain parameters. */
    public static Set<String> subresources(Map<String, String> query) {
        Set<String> out = new HashSet<>();
        for (String name : query.keySet()) {
            if (!PLAIN_PARAMETERS.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The route for this request, if Amber implements it. */
    public Optional<Route> match(String method, Level level, Map<String, String> query, Set<String> headerNames) {
        Set<String> sub = subresources(query);
        Set<String> selectors = new HashSet<>(headerNames);
        selectors.retainAll(SELECTOR_HEADERS);
        for (Route r : routes) {
            if (r.method().equals(method) && r.level() == level && r.subresources().equals(sub)
                    && r.headers().equals(selectors)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every row, for tests and documentation. */
    public List<Route> routes() {
        return routes;
    }
}
