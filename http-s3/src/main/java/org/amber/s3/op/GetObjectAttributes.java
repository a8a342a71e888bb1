package org.amber.s3.op;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.Versioning;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * GetObjectAttributes: {@code GET /bucket/key?attributes} with {@code x-amz-object-attributes}
 * naming which of ETag, Checksum, ObjectParts, StorageClass and ObjectSize to return. ObjectParts
 * (paged by x-amz-max-parts and x-amz-part-number-marker) exists only for versions completed from a
 * multipart upload, as on S3.
 */
public final class GetObjectAttributes implements S3Operation {
    static final Set<String> ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");
    /** Stored checksum headers and the element GetObjectAttributes names each with. */
    private static final Map<String, String> CHECKSUM_ELEMENTS = Map.of("x-amz-checksum-crc32", "ChecksumCRC32",
            "x-amz-checksum-crc32c", "ChecksumCRC32C", "x-amz-checksum-crc64nvme", "ChecksumCRC64NVME",
            "x-amz-checksum-sha1", "ChecksumSHA1", "x-amz-checksum-sha256", "ChecksumSHA256");
    private final S3Services s;

    public GetObjectAttributes(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        BucketState b = Ops.bucket(s, req);
        Set<String> wanted = attributes(req.headerList("x-amz-object-attributes"));
        ObjectVersion v = Ops.findVersion(b, req, response);
        response.getHeaders().put("Last-Modified", Responses.httpDate(v.lastModified()));
        if (b.versioning() != Versioning.UNVERSIONED) {
            response.getHeaders().put("x-amz-version-id", v.versionId());
        }
        XmlOut x = XmlOut.s3("GetObjectAttributesResponse");
        if (wanted.contains("ETag")) {
            x.el("ETag", v.etag());
        }
        if (wanted.contains("Checksum")) {
            checksum(x, v);
        }
        if (wanted.contains("ObjectParts") && v.multipart()) {
            objectParts(x, v, req);
        }
        if (wanted.contains("StorageClass")) {
            x.el("StorageClass", "STANDARD");
        }
        if (wanted.contains("ObjectSize")) {
            x.el("ObjectSize", v.size());
        }
        Responses.xml(response, callback, 200, x.finish());
    }

    private static void objectParts(XmlOut x, ObjectVersion v, S3Request req) {
        int max = nonNegative(req, "x-amz-max-parts", 1000, 1000);
        int marker = nonNegative(req, "x-amz-part-number-marker", 0, Part.MAX_PARTS);
        java.util.List<Part> parts = v.parts();
        int from = Math.min(marker, parts.size());
        int to = Math.min(parts.size(), from + max);
        x.start("ObjectParts").el("PartsCount", parts.size()).el("PartNumberMarker", marker)
                .el("NextPartNumberMarker", to).el("MaxParts", max).el("IsTruncated", to < parts.size());
        for (int i = from; i < to; i++) {
            x.start("Part").el("PartNumber", i + 1).el("Size", parts.get(i).size());
            ListParts.checksums(x, parts.get(i));
            x.end();
        }
        x.end();
    }

    /** A header that must be a non-negative integer, capped at {@code cap}; {@code absent} when missing. */
    private static int nonNegative(S3Request req, String name, int absent, int cap) {
        String v = req.header(name);
        if (v == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return Math.min(n, cap);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid value for header",
                Map.of("ArgumentName", name, "ArgumentValue", v));
    }

    private static void checksum(XmlOut x, ObjectVersion v) {
        Map<String, String> stored = v.meta().headers();
        for (Map.Entry<String, String> e : CHECKSUM_ELEMENTS.entrySet()) {
            if (stored.containsKey(e.getKey())) {
                x.start("Checksum").el(e.getValue(), stored.get(e.getKey()))
                        .el("ChecksumType", stored.getOrDefault("x-amz-checksum-type", "FULL_OBJECT")).end();
                return;
            }
        }
    }

    private static Set<String> attributes(java.util.List<String> names) {
        if (names.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            if (!ATTRIBUTES.contains(name)) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid attribute name specified.",
                        Map.of("ArgumentName", "x-amz-object-attributes", "ArgumentValue", name));
            }
            out.add(name);
        }
        return out;
    }
}
