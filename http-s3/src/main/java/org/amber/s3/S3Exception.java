package org.amber.s3;

import java.util.Map;

/**
 * The one exception an S3 operation throws to refuse a request; {@code S3ErrorWriter} renders it.
 *
 * <p>{@code message} overrides the enum's message when AWS words the error for the case;
 * {@code extra} holds the additional elements AWS adds (BucketName, Key, ArgumentName, ...).
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final S3Error error;
    private final transient Map<String, String> extra;

    public S3Exception(S3Error error) {
        this(error, error.message(), Map.of());
    }

    public S3Exception(S3Error error, String message) {
        this(error, message, Map.of());
    }

    public S3Exception(S3Error error, String message, Map<String, String> extra) {
        super(message, null, false, false);
        this.error = error;
        this.extra = Map.copyOf(extra);
    }

    public S3Error error() {
        return error;
    }

    public Map<String, String> extra() {
        return extra;
    }
}
