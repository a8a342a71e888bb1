package org.amber.lockd.policy;

/**
 * A policy wildcard pattern: {@code *} matches any run of characters (across {@code /}), {@code ?} any one
 * character, everything else itself (escaped wildcards and variable values are literal). Matching is linear
 * per pattern position — greedy, backtracking only to the last {@code *} — so no key a caller chooses can make
 * it slow, as a regular expression with several {@code .*} can be. Immutable.
 */
final class Glob {
    static final int STAR = -1;
    static final int ONE = -2;
    private final int[] pattern;
    private final boolean ignoreCase;

    private Glob(int[] pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    /** Builds patterns: wildcard text ({@link #wild}) and literal text ({@link #literal}). */
    static final class Builder {
        private int[] out = new int[16];
        private int n;

        Builder wild(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                add(c == '*' ? STAR : c == '?' ? ONE : c);
            }
            return this;
        }

        Builder literal(String text) {
            for (int i = 0; i < text.length(); i++) {
                add(text.charAt(i));
            }
            return this;
        }

        private void add(int v) {
            if (n == out.length) {
                out = java.util.Arrays.copyOf(out, n * 2);
            }
            out[n++] = v;
        }

        Glob build(boolean ignoreCase) {
            return new Glob(java.util.Arrays.copyOf(out, n), ignoreCase);
        }
    }

    static Glob of(String wildcardText, boolean ignoreCase) {
        return new Builder().wild(wildcardText).build(ignoreCase);
    }

    boolean matches(String s) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < s.length()) {
            if (p < pattern.length && pattern[p] != STAR && (pattern[p] == ONE || same(pattern[p], s.charAt(i)))) {
                p++;
                i++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }

    private boolean same(int want, char c) {
        return want == c || (ignoreCase && Character.toLowerCase((char) want) == Character.toLowerCase(c));
    }
}
