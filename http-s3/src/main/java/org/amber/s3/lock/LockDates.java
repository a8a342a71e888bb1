package org.amber.s3.lock;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Retain-until dates on the wire: ISO 8601 in, with or without fractional seconds and with {@code Z} or
 * an offset (botocore sends whole seconds in headers and microseconds in XML, §3.1); ISO 8601 UTC with
 * milliseconds and {@code Z} out (§10 D6).
 */
public final class LockDates {
    private LockDates() {
    }

    /** The instant {@code text} names, or null if it is not ISO 8601. A date-time without offset is UTC. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** How AWS shows a rejected date in ArgumentValue: Java's Date.toString in US Pacific time (§4.1). */
    private static final DateTimeFormatter AWS_ARGUMENT = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy",
            java.util.Locale.US).withZone(java.time.ZoneId.of("America/Los_Angeles"));

    /** {@code Tue Dec 31 16:00:00 PST 2019}. */
    public static String asArgument(Instant t) {
        return AWS_ARGUMENT.format(t);
    }

    /**
     * InvalidArgument "The retain until date must be in the future!" unless {@code until} is after the
     * compliance clock's {@code now} (§3.1, §4.1).
     */
    public static void requireFuture(Instant until, Instant now, String argumentName, String shown) {
        if (!now.isBefore(until)) {
            throw new org.amber.s3.S3Exception(org.amber.s3.S3Error.RETAIN_UNTIL_NOT_FUTURE,
                    org.amber.s3.S3Error.RETAIN_UNTIL_NOT_FUTURE.message(), Map.of("ArgumentName", argumentName, "ArgumentValue", shown));
        }
    }

    /** {@code 2030-01-01T00:00:00.000Z}. */
    public static String format(Instant t) {
        return org.amber.s3.xml.XmlOut.isoMillis(t);
    }
}
