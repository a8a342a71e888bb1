package org.amber.s3.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Canonical query strings and header values, for what the SDK-signed rows cannot produce. */
class SigV4CanonicalTest {

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of(null, ""),
                Arguments.of("", ""),
                Arguments.of("uploads", "uploads="),
                Arguments.of("b=2&a=1&a=0", "a=0&a=1&b=2"),
                Arguments.of("prefix=a+b", "prefix=a%20b"),
                Arguments.of("prefix=a%2Bb", "prefix=a%2Bb"),
                Arguments.of("prefix=a%2bb&x=%7e%7E~", "prefix=a%2Bb&x=~~~"),
                Arguments.of("p=a/b:c", "p=a%2Fb%3Ac"),
                Arguments.of("p=%C3%BC&q=ü", "p=%C3%BC&q=%C3%BC"),
                Arguments.of("p=100%&q=%zz", "p=100%25&q=%25zz"),
                Arguments.of("a&&b=", "a=&b="),
                Arguments.of("k=v=w", "k=v%3Dw"),
                Arguments.of("Z=1&a=1&_=1", "Z=1&_=1&a=1"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("queries")
    void canonicalQuery(String raw, String canonical) {
        assertEquals(canonical, Canonical.query(QueryParams.parse(raw), false));
    }

    static Stream<Arguments> headerValues() {
        return Stream.of(
                Arguments.of(List.of("  a   b  "), "x:a b\n"),
                Arguments.of(List.of("a\t \tb"), "x:a b\n"),
                Arguments.of(List.of("1", " 2 "), "x:1,2\n"),
                Arguments.of(List.of(""), "x:\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerValues")
    void canonicalHeaderValue(List<String> values, String line) {
        assertEquals(line, Canonical.headers(Map.of("x", values), List.of("x")));
    }
}
