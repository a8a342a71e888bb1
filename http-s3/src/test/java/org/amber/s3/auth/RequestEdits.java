package org.amber.s3.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Copies of a signed request with one part changed, as a proxy or attacker would change it. */
final class RequestEdits {

    private RequestEdits() {}

    /** {@code r} with header {@code name} replaced (or added). */
    static SignedRequest withHeader(SignedRequest r, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers);
    }

    /** {@code r} without header {@code name}. */
    static SignedRequest without(SignedRequest r, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove(name);
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers);
    }

    /** {@code r} with another raw path. */
    static SignedRequest withPath(SignedRequest r, String path) {
        return new SignedRequest(r.method(), path, r.rawQuery(), r.headers());
    }

    /** {@code r} with another raw query. */
    static SignedRequest withQuery(SignedRequest r, String query) {
        return new SignedRequest(r.method(), r.rawPath(), query, r.headers());
    }

    /** {@code r} with its Authorization header rewritten by {@code edit}. */
    static SignedRequest editAuthorization(SignedRequest r, UnaryOperator<String> edit) {
        return withHeader(r, "authorization", edit.apply(r.headers().get("authorization").get(0)));
    }

    /** {@code s} with its last hex digit changed. */
    static String flipLastHex(String s) {
        char last = s.charAt(s.length() - 1);
        return s.substring(0, s.length() - 1) + (last == '0' ? '1' : '0');
    }
}
