package org.amber.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 preconditions as S3 applies them to GET/HEAD; the copy-source variant answers 412 where GET answers 304. */
class ConditionsTest {
    static final String ETAG = "0123456789abcdef0123456789abcdef";
    static final String BEFORE = "'Sat, 21 Nov 2026 00:00:00 GMT'";
    static final String AT = "'Sun, 22 Nov 2026 00:00:00 GMT'";
    static final String AFTER = "'Mon, 23 Nov 2026 00:00:00 GMT'";
    static final ObjectVersion V = new ObjectVersion("k", "null", 1, false, Instant.parse("2026-11-22T00:00:00.400Z"),
            1, ETAG, null, ObjectMeta.NONE, "o");

    @ParameterizedTest(name = "match={0} none={1} modSince={2} unmodSince={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
        "-, -, -, -, OK",
        "\"0123456789abcdef0123456789abcdef\", -, -, -, OK",
        "*, -, -, -, OK",
        "\"ffff\", -, -, -, 412",
        "-, \"0123456789abcdef0123456789abcdef\", -, -, 304",
        "-, \"ffff\", -, -, OK",
        "-, *, -, -, 304",
        "-, -, " + BEFORE + ", -, OK",
        "-, -, " + AT + ", -, 304",
        "-, -, " + AFTER + ", -, 304",
        "-, -, -, " + BEFORE + ", 412",
        "-, -, -, " + AT + ", OK",
        "\"0123456789abcdef0123456789abcdef\", -, -, " + BEFORE + ", OK",
        "-, \"ffff\", " + AFTER + ", -, OK",
        "-, -, not a date, -, OK",
    })
    void getOrHead(String ifMatch, String ifNoneMatch, String modSince, String unmodSince, String expected) {
        assertEquals(expected, outcome(new Conditions(ifMatch, ifNoneMatch, modSince, unmodSince, S3Error.NOT_MODIFIED)));
        String copy = expected.equals("304") ? "412" : expected;
        assertEquals(copy, outcome(new Conditions(ifMatch, ifNoneMatch, modSince, unmodSince, S3Error.PRECONDITION_FAILED)));
    }

    private static String outcome(Conditions c) {
        try {
            c.check(V);
            return "OK";
        } catch (S3Exception e) {
            return Integer.toString(e.error().status());
        }
    }
}
