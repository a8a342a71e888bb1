package org.amber.lockd;

import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata a client stores with a version: its content type, the {@code x-amz-meta-*} user
 * metadata, the other stored response headers (Content-Encoding, Cache-Control, ...) and the
 * object's tags. Header names are lower case. Only the tags can change after the version is written.
 */
public record ObjectMeta(String contentType, Map<String, String> userMetadata, Map<String, String> headers,
                         Map<String, String> tags) {
    /** S3's content type when a client sends none. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public static final ObjectMeta NONE = new ObjectMeta(null, Map.of(), Map.of());

    public ObjectMeta {
        userMetadata = immutableSorted(userMetadata);
        headers = immutableSorted(headers);
        tags = immutableSorted(tags);
    }

    /** Metadata without tags. */
    public ObjectMeta(String contentType, Map<String, String> userMetadata, Map<String, String> headers) {
        this(contentType, userMetadata, headers, Map.of());
    }

    /** This metadata with {@code newHeaders} as its stored headers. */
    public ObjectMeta withHeaders(Map<String, String> newHeaders) {
        return new ObjectMeta(contentType, userMetadata, newHeaders, tags);
    }

    /** This metadata with {@code tags} instead of its own. */
    public ObjectMeta withTags(Map<String, String> newTags) {
        return new ObjectMeta(contentType, userMetadata, headers, newTags);
    }

    private static Map<String, String> immutableSorted(Map<String, String> m) {
        return m.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
