package org.amber.s3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Response;

/** Object metadata in and out of HTTP headers: what a PUT stores and a GET/HEAD returns. */
public final class ObjectHeaders {
    /** S3's limit on the total size of user metadata. */
    public static final int MAX_USER_METADATA_BYTES = 2048;
    /** Standard headers S3 stores with the object and returns on GET/HEAD. */
    static final List<String> STORED = List.of("content-encoding", "content-disposition", "content-language",
            "cache-control", "expires");
    private static final String META_PREFIX = "x-amz-meta-";

    private ObjectHeaders() {
    }

    /** The metadata a PUT carries. */
    public static ObjectMeta fromRequest(S3Request req) {
        Map<String, String> user = new TreeMap<>();
        Map<String, String> stored = new TreeMap<>();
        int userBytes = 0;
        for (HttpField f : req.jetty().getHeaders()) {
            String name = f.getLowerCaseName();
            if (name.startsWith(META_PREFIX)) {
                String k = name.substring(META_PREFIX.length());
                user.merge(k, f.getValue(), (a, b) -> a + "," + b);
                userBytes += k.getBytes(StandardCharsets.UTF_8).length + f.getValue().getBytes(StandardCharsets.UTF_8).length;
            } else if (STORED.contains(name)) {
                stored.put(name, f.getValue());
            }
        }
        if (userBytes > MAX_USER_METADATA_BYTES) {
            throw new S3Exception(S3Error.METADATA_TOO_LARGE);
        }
        return new ObjectMeta(req.header("content-type"), user, stored);
    }

    /** The decoded Content-MD5, null if absent; InvalidDigest if it is not 16 base64 bytes. */
    public static byte[] contentMd5(S3Request req) {
        String v = req.header("content-md5");
        if (v == null) {
            return null;
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(v.trim());
            if (md5.length == 16) {
                return md5;
            }
        } catch (IllegalArgumentException e) {
            // fall through: not base64
        }
        throw new S3Exception(S3Error.INVALID_DIGEST);
    }

    /** Stored with a version whose checksum was verified on upload; shown only on request. */
    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";

    /**
     * The metadata to store with the checksum that was verified on upload, kept among the stored
     * headers so GET and HEAD can show it when asked ({@code x-amz-checksum-mode: ENABLED}).
     */
    public static ObjectMeta withChecksum(ObjectMeta meta, org.amber.s3.body.VerifiedChecksum checksum) {
        Map<String, String> headers = new TreeMap<>(meta.headers());
        headers.keySet().removeIf(name -> name.startsWith(CHECKSUM_PREFIX));
        if (checksum == null) {
            return meta.withHeaders(headers);
        }
        headers.put(checksum.headerName(), checksum.base64());
        headers.put("x-amz-checksum-type", "FULL_OBJECT");
        return meta.withHeaders(headers);
    }

    /** The algorithm of the checksum stored with {@code meta}, if any. */
    public static java.util.Optional<org.amber.s3.body.ChecksumAlgorithm> checksumAlgorithm(ObjectMeta meta) {
        for (String name : meta.headers().keySet()) {
            var a = org.amber.s3.body.ChecksumAlgorithm.fromHeader(name);
            if (a.isPresent()) {
                return a;
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Writes a version's entity headers (no Content-Length: the caller knows the range).
     *
     * @param checksums whether to show the stored checksum: S3 does only for a whole-object GET or HEAD
     *     that sends {@code x-amz-checksum-mode: ENABLED}
     */
    public static void write(Response response, ObjectVersion v, boolean showVersionId, Map<String, String> query,
                             boolean checksums) {
        var h = response.getHeaders();
        h.put("ETag", Responses.quoted(v.etag()));
        h.put("Last-Modified", Responses.httpDate(v.lastModified()));
        h.put("Accept-Ranges", "bytes");
        String ct = v.meta().contentType();
        h.put("Content-Type", ct == null ? ObjectMeta.DEFAULT_CONTENT_TYPE : ct);
        if (showVersionId) {
            h.put("x-amz-version-id", v.versionId());
        }
        v.meta().headers().forEach((name, value) -> {
            if (checksums || !name.startsWith(CHECKSUM_PREFIX)) {
                h.put(name, value);
            }
        });
        v.meta().userMetadata().forEach((k, val) -> h.put(META_PREFIX + k, val));
        if (!v.meta().tags().isEmpty()) {
            h.put("x-amz-tagging-count", Integer.toString(v.meta().tags().size()));
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getKey().startsWith("response-")) {
                h.put(e.getKey().substring("response-".length()).toLowerCase(Locale.ROOT), e.getValue());
            }
        }
    }
}
