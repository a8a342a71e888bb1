package org.amber.s3.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The signed request time.
 *
 * @param amzDate the time in SigV4's basic ISO 8601 form, as it goes into the string to sign
 * @param instant the same time as an instant
 * @param sent    the header value the time came from, for RequestTimeTooSkewed's RequestTime element
 */
record RequestTime(String amzDate, Instant instant, String sent) {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final String NO_DATE = "AWS authentication requires a valid Date or x-amz-date header";

    /** From {@code x-amz-date}, else from the RFC 1123 {@code Date} header (SigV4 allows either). */
    static RequestTime fromHeaders(Map<String, List<String>> headers) {
        String amz = SigV4.firstHeader(headers, "x-amz-date");
        if (amz != null) {
            Instant instant = parseAmzDate(amz);
            if (instant == null) {
                throw new S3Exception(S3Error.ACCESS_DENIED, NO_DATE);
            }
            return new RequestTime(amz, instant, amz);
        }
        String date = SigV4.firstHeader(headers, "date");
        if (date == null) {
            throw new S3Exception(S3Error.ACCESS_DENIED, NO_DATE);
        }
        try {
            Instant instant = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return new RequestTime(format(instant), instant, date);
        } catch (DateTimeException e) {
            throw new S3Exception(S3Error.ACCESS_DENIED, NO_DATE);
        }
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}, or returns null when {@code value} is not exactly that. */
    static Instant parseAmzDate(String value) {
        // By hand: DateTimeFormatter's parse was a tenth of SigV4's cost per request.
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            return null;
        }
        for (int i = 0; i < 15; i++) {
            char c = value.charAt(i);
            if (i != 8 && (c < '0' || c > '9')) {
                return null;
            }
        }
        try {
            return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8), digits(value, 9, 11),
                    digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a field out of range, such as month 13 or February 30
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    /** Formats {@code instant} as {@code yyyyMMdd'T'HHmmss'Z'}. */
    static String format(Instant instant) {
        return AMZ_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
