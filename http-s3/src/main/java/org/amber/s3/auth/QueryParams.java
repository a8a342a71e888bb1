package org.amber.s3.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A raw query string split into parameters, each both decoded and re-encoded the way SigV4 canonicalises it. */
final class QueryParams {

    /**
     * One query parameter.
     *
     * @param name         the decoded name
     * @param value        the decoded value ("" when the parameter had no '=')
     * @param encodedName  the name re-encoded with the RFC 3986 unreserved set
     * @param encodedValue the value re-encoded with the RFC 3986 unreserved set
     */
    record Param(String name, String value, String encodedName, String encodedValue) {}

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryParams() {}

    /** Splits {@code rawQuery} (null or empty gives no parameters); empty segments from "a&&b" are dropped. */
    static List<Param> parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String segment : rawQuery.split("&", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            int eq = segment.indexOf('=');
            String rawName = eq < 0 ? segment : segment.substring(0, eq);
            String rawValue = eq < 0 ? "" : segment.substring(eq + 1);
            params.add(param(decode(rawName), decode(rawValue)));
        }
        return params;
    }

    /** The decoded value of the first parameter called {@code name} (case-sensitive, as AWS's X-Amz-* are), or null. */
    static String first(List<Param> params, String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static Param param(byte[] name, byte[] value) {
        return new Param(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8),
                encode(name), encode(value));
    }

    /**
     * Percent-decodes at byte level so that re-encoding is exact even for invalid UTF-8; a raw '+' is a space
     * (HTML-form clients), so only %2B stands for '+'. A '%' not followed by two hex digits is kept literally.
     */
    static byte[] decode(String raw) {
        return decode(raw, true);
    }

    /** As {@link #decode(String)}; in a path ({@code plusIsSpace} false) '+' is a literal plus. */
    static byte[] decode(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 3;
            } else if (c < 0x80) {
                out.write(c == '+' && plusIsSpace ? ' ' : c);
                i++;
            } else {
                // Non-ASCII sent unencoded: sign its UTF-8 bytes, as a client encoding it would have.
                int cp = raw.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    /** SigV4's UriEncode: RFC 3986 unreserved characters kept, every other byte as upper-case %XX. */
    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
