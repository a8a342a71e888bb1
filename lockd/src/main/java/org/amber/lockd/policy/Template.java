package org.amber.lockd.policy;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy string (a Resource or a condition value) with its policy variables resolved against a
 * request: {@code ${aws:username}}, {@code ${key, 'default'}}, and the escapes {@code ${*}}, {@code ${?}},
 * {@code ${$}} (spec §6.5). A variable without a value makes the whole string match nothing (null).
 */
final class Template {
    private static final Map<String, Glob> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 10_000;

    private Template() {
    }

    /** The literal text, or null if a variable has no value. */
    static String literal(String raw, boolean variables, RequestFacts f) {
        if (!variables || !raw.contains("${")) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        return walk(raw, f, null, out) ? out.toString() : null;
    }

    /**
     * A pattern where {@code *} is any run of characters and {@code ?} any one character (escaped ones and
     * variable values are literal), or null if a variable has no value.
     */
    static Glob wildcard(String raw, boolean variables, RequestFacts f, boolean ignoreCase) {
        if (!variables || !raw.contains("${")) {
            String cacheKey = (ignoreCase ? "i:" : "s:") + raw;
            Glob g = CACHE.get(cacheKey);
            if (g == null) {
                g = Glob.of(raw, ignoreCase);
                if (CACHE.size() > CACHE_LIMIT) {
                    CACHE.clear();
                }
                CACHE.put(cacheKey, g);
            }
            return g;
        }
        Glob.Builder b = new Glob.Builder();
        return walk(raw, f, b, null) ? b.build(ignoreCase) : null;
    }

    /** Resolves {@code raw} into a glob builder or into plain text. False if a variable is unset. */
    private static boolean walk(String raw, RequestFacts f, Glob.Builder glob, StringBuilder text) {
        int i = 0;
        while (i < raw.length()) {
            int open = raw.indexOf("${", i);
            int close = open < 0 ? -1 : raw.indexOf('}', open);
            String plain = open < 0 || close < 0 ? raw.substring(i) : raw.substring(i, open);
            if (glob != null) {
                glob.wild(plain);
            } else {
                text.append(plain);
            }
            if (open < 0 || close < 0) {
                return true;
            }
            String value = resolve(raw.substring(open + 2, close), f);
            if (value == null) {
                return false;
            }
            if (glob != null) {
                glob.literal(value);
            } else {
                text.append(value);
            }
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
}
