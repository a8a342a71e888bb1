package org.amber.lockd;

import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata a client stores with a version: its content type, the {@code x-amz-meta-*} user
 * metadata and the other stored response headers (Content-Encoding, Cache-Control, ...).
 * Header names are lower case.
 */
public record ObjectMeta(String contentType, Map<String, String> userMetadata, Map<String, String> headers) {
    /** S3's content type when a client sends none. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public static final ObjectMeta NONE = new ObjectMeta(null, Map.of(), Map.of());

    public ObjectMeta {
        userMetadata = immutableSorted(userMetadata);
        headers = immutableSorted(headers);
    }

    private static Map<String, String> immutableSorted(Map<String, String> m) {
        return m.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
