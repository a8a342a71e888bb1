package org.amber.s3.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** x-amz-date parsing: exactly yyyyMMdd'T'HHmmss'Z', every field in range, as java.time's strict parser reads it. */
class RequestTimeTest {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    @Test
    void readsTheBasicIso8601FormSigV4Signs() {
        assertEquals(Instant.parse("2026-12-03T21:05:09Z"), RequestTime.parseAmzDate("20261203T210509Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), RequestTime.parseAmzDate("20240229T235959Z"));
        assertEquals("20261203T210509Z", RequestTime.format(RequestTime.parseAmzDate("20261203T210509Z")));
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[]{"", "20261203T210509", "20261203T210509z", "20261203 210509Z", "2026-12-03T21:05:09Z",
            "20261303T210509Z", "20250229T120000Z", "20261203T240000Z", "20261203T216009Z", "2026120xT210509Z",
            "+2026120T210509Z", "20261203T210509ZZ", "\u0662\u0660\u0662\u0666" + "1203T210509Z"}) {
            assertNull(RequestTime.parseAmzDate(bad), bad);
        }
    }

    @Test
    void agreesWithTheStrictFormatterOnRandomDigits() {
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String v = String.format("%04d%02d%02dT%02d%02d%02dZ", r.nextInt(10_000), r.nextInt(14), r.nextInt(33), r.nextInt(26),
                    r.nextInt(62), r.nextInt(62));
            Instant want;
            try {
                want = LocalDateTime.parse(v, STRICT).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                want = null;
            }
            assertEquals(want, RequestTime.parseAmzDate(v), v);
        }
    }
}
