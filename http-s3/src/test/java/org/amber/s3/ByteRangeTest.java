package org.amber.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 byte ranges as S3 applies them (one range; unusable headers mean the whole object). */
class ByteRangeTest {
    @ParameterizedTest(name = "{0} of {1} -> {2}+{3}")
    @CsvSource({
        "bytes=0-9, 100, 0, 10",
        "bytes=90-, 100, 90, 10",
        "bytes=-10, 100, 90, 10",
        "bytes=-500, 100, 0, 100",
        "bytes=50-500, 100, 50, 50",
        "bytes=99-99, 100, 99, 1",
    })
    void satisfiable(String header, long size, long first, long length) {
        assertEquals(new ByteRange(first, length), ByteRange.parse(header, size));
    }

    @ParameterizedTest
    @CsvSource({"items=0-9", "'bytes=0-1,5-6'", "bytes=9-3", "bytes=a-b", "bytes=5"})
    void unusableMeansWholeObject(String header) {
        assertNull(ByteRange.parse(header, 100));
    }

    @ParameterizedTest
    @CsvSource({"bytes=100-, 100", "bytes=200-300, 100", "bytes=-0, 100", "bytes=0-, 0"})
    void unsatisfiableIs416(String header, long size) {
        S3Exception e = assertThrows(S3Exception.class, () -> ByteRange.parse(header, size));
        assertEquals(S3Error.INVALID_RANGE, e.error());
    }
}
