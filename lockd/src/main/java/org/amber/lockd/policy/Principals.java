package org.amber.lockd.policy;

import java.util.List;
import java.util.Map;

/**
 * A statement's Principal (or NotPrincipal): {@code "*"} ({@link #anyone}), or lists of principals by
 * type ({@code AWS}, {@code Service}, {@code Federated}, {@code CanonicalUser}).
 */
public record Principals(boolean anyone, Map<String, List<String>> byType) {
    public Principals {
        byType = Map.copyOf(byType);
    }

    public static Principals everyone() {
        return new Principals(true, Map.of());
    }

    /** How this principal element matches {@code caller}. */
    public PrincipalMatch match(Caller caller) {
        if (anyone) {
            return PrincipalMatch.DIRECT;
        }
        PrincipalMatch best = PrincipalMatch.NONE;
        for (String p : byType.getOrDefault("AWS", List.of())) {
            PrincipalMatch m = matchOne(p, caller);
            if (m == PrincipalMatch.DIRECT) {
                return m;
            }
            if (m == PrincipalMatch.ACCOUNT) {
                best = m;
            }
        }
        return best;
    }

    private static PrincipalMatch matchOne(String p, Caller caller) {
        if (p.equals("*")) {
            return PrincipalMatch.DIRECT;
        }
        if (caller.kind() == Caller.Kind.ANONYMOUS) {
            return PrincipalMatch.NONE;
        }
        if (p.equals(Arns.ACCOUNT_ID) || p.equals(Arns.ROOT)) {
            return caller.kind() == Caller.Kind.ROOT ? PrincipalMatch.DIRECT : PrincipalMatch.ACCOUNT;
        }
        if (p.equals(caller.arn()) || (caller.sessionArn() != null && p.equals(caller.sessionArn()))) {
            return PrincipalMatch.DIRECT;
        }
        return PrincipalMatch.NONE;
    }

    /** How a Principal element names a caller. */
    public enum PrincipalMatch {
        /** Not named. */
        NONE,
        /** Named through the account ({@code "AWS": "<account>"} or its root ARN): the account's own policies decide. */
        ACCOUNT,
        /** Named itself, or {@code "*"}. */
        DIRECT
    }
}
