package org.amber.lockd.policy;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A policy string (a Resource or a condition value) with its policy variables resolved against a
 * request: {@code ${aws:username}}, {@code ${key, 'default'}}, and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}} (spec §6.5). A variable without a value makes the whole string match nothing (null).
 */
final class Template {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    private Template() {
    }

    /** The literal text, or null if a variable has no value. */
    static String literal(String raw, boolean variables, RequestFacts f) {
        if (!variables || !raw.contains("${")) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        return walk(raw, f, out, false) ? out.toString() : null;
    }

    /**
     * A pattern where {@code *} is any run of characters and {@code ?} any one character (escaped ones are
     * literal), or null if a variable has no value.
     */
    static Pattern wildcard(String raw, boolean variables, RequestFacts f, boolean ignoreCase) {
        boolean plain = !variables || !raw.contains("${");
        if (plain) {
            String cacheKey = (ignoreCase ? "i:" : "s:") + raw;
            Pattern p = CACHE.get(cacheKey);
            if (p == null) {
                p = compile(raw, ignoreCase, false, f);
                if (CACHE.size() > CACHE_LIMIT) {
                    CACHE.clear();
                }
                CACHE.put(cacheKey, p);
            }
            return p;
        }
        return compile(raw, ignoreCase, true, f);
    }

    private static Pattern compile(String raw, boolean ignoreCase, boolean variables, RequestFacts f) {
        StringBuilder regex = new StringBuilder();
        if (variables) {
            if (!walk(raw, f, regex, true)) {
                return null;
            }
        } else {
            appendWildcards(raw, regex);
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** Appends {@code raw} to {@code out}, resolving variables; as regex when {@code regex}. False if a variable is unset. */
    private static boolean walk(String raw, RequestFacts f, StringBuilder out, boolean regex) {
        int i = 0;
        while (i < raw.length()) {
            int open = raw.indexOf("${", i);
            int close = open < 0 ? -1 : raw.indexOf('}', open);
            String text = open < 0 || close < 0 ? raw.substring(i) : raw.substring(i, open);
            if (regex) {
                appendWildcards(text, out);
            } else {
                out.append(text);
            }
            if (open < 0 || close < 0) {
                return true;
            }
            String value = resolve(raw.substring(open + 2, close), f);
            if (value == null) {
                return false;
            }
            out.append(regex ? Pattern.quote(value) : value);
            i = close + 1;
        }
        return true;
    }

    private static String resolve(String inner, RequestFacts f) {
        String t = inner.trim();
        if (t.equals("*") || t.equals("?") || t.equals("$")) {
            return t;
        }
        String key = t;
        String fallback = null;
        int comma = t.indexOf(',');
        if (comma > 0) {
            key = t.substring(0, comma).trim();
            String d = t.substring(comma + 1).trim();
            if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                fallback = d.substring(1, d.length() - 1);
            }
        }
        String v = f.value(key.toLowerCase(Locale.ROOT));
        return v != null ? v : fallback;
    }

    private static void appendWildcards(String text, StringBuilder regex) {
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    regex.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            regex.append(Pattern.quote(lit.toString()));
        }
    }
}
