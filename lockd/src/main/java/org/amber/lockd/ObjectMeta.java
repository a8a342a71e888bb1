package org.amber.lockd;

import java.util.Map;

/**
 * The metadata a client stores with a version: its content type, the {@code x-amz-meta-*} user
 * metadata, the other stored response headers (Content-Encoding, Cache-Control, ...) and the
 * object's tags. Header names are lower case. Only the tags can change after the version is written.
 */
public record ObjectMeta(String contentType, Map<String, String> userMetadata, Map<String, String> headers,
                         Map<String, String> tags) {
    /** S3's content type when a client sends none. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    /** Stored headers whose values repeat across versions (the rest, such as checksums, are unique). */
    private static final java.util.Set<String> SHARED_VALUES = java.util.Set.of("x-amz-checksum-type", "content-encoding",
            "content-language", "cache-control", "x-amz-storage-class");

    public static final ObjectMeta NONE = new ObjectMeta(null, Map.of(), Map.of());

    public ObjectMeta {
        contentType = SharedStrings.of(contentType);
        userMetadata = SmallSortedMap.copyOf(userMetadata, name -> false);
        headers = SmallSortedMap.copyOf(headers, SHARED_VALUES::contains);
        tags = SmallSortedMap.copyOf(tags, name -> false);
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
}
