package org.amber.lockd.policy;

/**
 * Matches one policy against one request (spec §6.3): which statements apply, and whether any of them
 * denies or allows. Pure; any thread.
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** Where a policy is attached, which decides whether its statements name a principal and a resource. */
    public enum Kind {
        /** Attached to a user, group or role: no Principal; Resource required. */
        IDENTITY,
        /** A bucket policy or the guardrail: Principal and Resource. */
        RESOURCE,
        /** A role's trust policy: Principal, and no Resource (the role is the resource). */
        TRUST
    }

    /**
     * What one policy says about a request.
     *
     * @param denied           an applicable Deny statement
     * @param allowed          an applicable Allow statement naming the caller itself (or everyone)
     * @param allowedViaAccount an applicable Allow naming only the caller's account: the account's own
     *                         (identity) policies must allow as well
     */
    public record Result(boolean denied, boolean allowed, boolean allowedViaAccount) {
        public static final Result NOTHING = new Result(false, false, false);
    }

    public static Result evaluate(Policy p, RequestFacts f, Kind kind) {
        if (p == null) {
            return Result.NOTHING;
        }
        boolean denied = false;
        boolean allowed = false;
        boolean viaAccount = false;
        for (Statement s : p.statements()) {
            Principals.PrincipalMatch who = kind == Kind.IDENTITY ? Principals.PrincipalMatch.DIRECT : principal(s, f.caller());
            if (who == Principals.PrincipalMatch.NONE || !applies(s, p.variables(), f, kind)) {
                continue;
            }
            if (s.effect() == Effect.DENY) {
                denied = true;
            } else if (who == Principals.PrincipalMatch.DIRECT) {
                allowed = true;
            } else {
                viaAccount = true;
            }
        }
        return new Result(denied, allowed, viaAccount);
    }

    private static Principals.PrincipalMatch principal(Statement s, Caller caller) {
        if (s.principal() == null) {
            return Principals.PrincipalMatch.NONE;
        }
        Principals.PrincipalMatch m = s.principal().match(caller);
        if (!s.notPrincipal()) {
            return m;
        }
        // NotPrincipal exempts only a caller it names itself (or "*"): listing the account does not exempt
        // the account's users and roles, so a Deny with NotPrincipal never silently spares the whole account.
        return m == Principals.PrincipalMatch.DIRECT ? Principals.PrincipalMatch.NONE : Principals.PrincipalMatch.DIRECT;
    }

    /** Whether a statement's Action, Resource and every Condition match the request. */
    static boolean applies(Statement s, boolean variables, RequestFacts f, Kind kind) {
        if (anyMatches(s.actions(), f.action(), false, variables, f, true) == s.notAction()) {
            return false;
        }
        if (kind != Kind.TRUST || s.resources() != null) {
            if (s.resources() == null || anyMatches(s.resources(), f.resource(), true, variables, f, false) == s.notResource()) {
                return false;
            }
        }
        for (Condition c : s.conditions()) {
            if (!Conditions.holds(c, f, variables)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMatches(java.util.List<String> patterns, String value, boolean resolveVariables,
                                      boolean variables, RequestFacts f, boolean ignoreCase) {
        for (String raw : patterns) {
            if (raw.equals("*")) {
                return true;
            }
            Glob p = Template.wildcard(raw, resolveVariables && variables, f, ignoreCase);
            if (p != null && p.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
