package org.amber.s3;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.amber.lockd.ObjectVersion;

/**
 * HTTP preconditions (RFC 9110 §13) as S3 evaluates them, for GET/HEAD ({@code If-*}) and for a
 * copy source ({@code x-amz-copy-source-if-*}): If-Match, when present, decides instead of
 * If-Unmodified-Since; If-None-Match, when present, decides instead of If-Modified-Since.
 *
 * @param notModified the error when If-None-Match or If-Modified-Since fails: 304 for GET/HEAD,
 *     412 for a copy source
 */
public record Conditions(String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince,
                         S3Error notModified) {

    /** The {@code If-*} headers of a GET or HEAD. */
    public static Conditions ofRequest(S3Request req) {
        return new Conditions(req.header("if-match"), req.header("if-none-match"), req.header("if-modified-since"),
                req.header("if-unmodified-since"), S3Error.NOT_MODIFIED);
    }

    /** The {@code x-amz-copy-source-if-*} headers of a CopyObject: every failure is 412. */
    public static Conditions ofCopySource(S3Request req) {
        return new Conditions(req.header("x-amz-copy-source-if-match"), req.header("x-amz-copy-source-if-none-match"),
                req.header("x-amz-copy-source-if-modified-since"), req.header("x-amz-copy-source-if-unmodified-since"),
                S3Error.PRECONDITION_FAILED);
    }

    /** Throws PreconditionFailed (412) or {@link #notModified} unless {@code v} satisfies every condition. */
    public void check(ObjectVersion v) {
        Instant modified = v.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null ? !etagMatches(ifMatch, v.etag()) : isAfter(modified, ifUnmodifiedSince)) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
        if (ifNoneMatch != null ? etagMatches(ifNoneMatch, v.etag()) : notAfter(modified, ifModifiedSince)) {
            throw new S3Exception(notModified);
        }
    }

    private static boolean isAfter(Instant modified, String header) {
        Instant t = date(header);
        return t != null && modified.isAfter(t);
    }

    private static boolean notAfter(Instant modified, String header) {
        Instant t = date(header);
        return t != null && !modified.isAfter(t);
    }

    static boolean etagMatches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.replace("\"", "").equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP date; an unparseable one is ignored, as RFC 9110 and S3 ignore it. */
    static Instant date(String header) {
        if (header == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
