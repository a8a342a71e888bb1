package org.amber.s3;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.amber.lockd.BucketState;
import org.amber.lockd.Decision;
import org.amber.lockd.Versioning;
import org.amber.lockd.VersionIds;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.command.Command;
import org.amber.s3.body.IncomingBody;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Steps that many operations share: finding the bucket, submitting a command, small bodies, hex. */
public final class Ops {
    private static final Logger LOG = LoggerFactory.getLogger(Ops.class);

    private Ops() {
    }

    /** The bucket the request names, from the durable state; NoSuchBucket if there is none. */
    public static BucketState bucket(S3Services s, S3Request req) {
        return s.published().bucket(req.bucket()).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_BUCKET,
                S3Error.NO_SUCH_BUCKET.message(), Map.of("BucketName", req.bucket())));
    }

    /**
     * Submits {@code c} and, once it is durable, runs {@code onAccepted} on the reply thread, or
     * writes the refusal. Either way the response is completed exactly once.
     */
    public static void submit(S3Services s, S3Request req, Response response, Callback callback, Command c,
                              Consumer<Decision> onAccepted) {
        s.bus().submit(c, req.context(), d -> {
            try {
                if (d.refused()) {
                    throw Refusals.toS3(d.refusal(), req);
                }
                onAccepted.accept(d);
            } catch (S3Exception e) {
                S3ErrorWriter.write(req.method(), req.requestId(), e, response, callback);
            } catch (RuntimeException e) {
                LOG.error("request {} failed after its decision", req.requestId(), e);
                S3ErrorWriter.write(req.method(), req.requestId(), new S3Exception(S3Error.INTERNAL_ERROR), response, callback);
            }
        });
    }

    /**
     * Reads a small request body (a configuration or DeleteObjects document) of at most {@code max}
     * bytes, plain or aws-chunked, and verifies whatever the client sent to prove it: a signed
     * SHA-256, an x-amz-checksum-*, a Content-MD5. Larger bodies are MalformedXML: no such document is
     * that big.
     */
    public static byte[] smallBody(S3Request req, int max) throws IOException {
        return BodyReader.readSmall(IncomingBody.openSmall(req), max, ObjectHeaders.contentMd5(req));
    }

    /** As {@link #smallBody}, for a document whose request's x-amz-checksum-* headers describe something else. */
    public static byte[] smallBodyIgnoringChecksumHeaders(S3Request req, int max) throws IOException {
        return BodyReader.readSmall(IncomingBody.openSmall(req, false), max, ObjectHeaders.contentMd5(req));
    }

    /**
     * The operations S3 refuses without an integrity header (E23: DeleteObjects and the lock
     * configuration, retention and legal-hold PUTs); the value itself is verified while the body is read.
     */
    public static void requireIntegrity(S3Request req) {
        boolean present = req.header("content-md5") != null
                || req.headerNames().stream().anyMatch(h -> h.startsWith("x-amz-checksum-"))
                || req.header("x-amz-trailer") != null;
        if (!present) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
        }
    }

    /** The {@code versionId} parameter, null when absent; InvalidArgument when it cannot be one of ours. */
    public static String versionParam(S3Request req) {
        String versionId = req.param("versionId");
        if (versionId != null && !VersionIds.isWellFormed(versionId)) {
            throw new S3Exception(S3Error.INVALID_VERSION_ID);
        }
        return versionId;
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    /** The canonical id S3 shows as a bucket or object Owner: a stable digest of the principal's ARN. */
    public static String ownerId(String arn) {
        return hex(org.amber.s3.body.Digests.sha256(arn.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The display name S3 shows for an owner: the last part of its ARN. */
    public static String ownerName(String arn) {
        int slash = arn.lastIndexOf('/');
        return slash >= 0 ? arn.substring(slash + 1) : arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** Writes {@code <Owner><ID/><DisplayName/></Owner>}. */
    public static void owner(org.amber.s3.xml.XmlOut x, String arn) {
        principal(x, "Owner", arn);
    }

    /** Writes {@code <element><ID/><DisplayName/></element>} for a principal (Owner, Initiator). */
    public static void principal(org.amber.s3.xml.XmlOut x, String element, String arn) {
        x.start(element).el("ID", ownerId(arn)).el("DisplayName", ownerName(arn)).end();
    }

    /**
     * The version a GET-like request names ({@code versionId}, else the current one), from the durable
     * state; a delete marker answers as S3 does: 404 NoSuchKey when current, 405 MethodNotAllowed when
     * named, with the x-amz-delete-marker headers.
     */
    public static ObjectVersion findVersion(BucketState b, S3Request req, Response response) {
        String versionId = req.param("versionId");
        if (versionId == null) {
            ObjectVersion v = b.latest(req.key()).orElseThrow(() -> noSuchKey(req));
            if (v.deleteMarker()) {
                response.getHeaders().put("x-amz-delete-marker", "true");
                if (b.versioning() != Versioning.UNVERSIONED) {
                    response.getHeaders().put("x-amz-version-id", v.versionId());
                }
                throw noSuchKey(req);
            }
            return v;
        }
        if (!VersionIds.isWellFormed(versionId)) {
            throw new S3Exception(S3Error.INVALID_VERSION_ID);
        }
        ObjectVersion v = b.version(req.key(), versionId).orElseThrow(() -> new S3Exception(S3Error.NO_SUCH_VERSION,
                S3Error.NO_SUCH_VERSION.message(), Map.of("Key", req.key(), "VersionId", versionId)));
        if (v.deleteMarker()) {
            response.getHeaders().put("x-amz-delete-marker", "true");
            response.getHeaders().put("x-amz-version-id", v.versionId());
            response.getHeaders().put("Last-Modified", Responses.httpDate(v.lastModified()));
            response.getHeaders().put("Allow", "DELETE");
            throw new S3Exception(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.message(),
                    Map.of("Method", req.method(), "ResourceType", "DeleteMarker"));
        }
        return v;
    }

    private static S3Exception noSuchKey(S3Request req) {
        return new S3Exception(S3Error.NO_SUCH_KEY, S3Error.NO_SUCH_KEY.message(), Map.of("Key", req.key()));
    }
}
