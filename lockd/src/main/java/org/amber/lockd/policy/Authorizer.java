package org.amber.lockd.policy;

import java.util.List;

/**
 * The one access decision (spec §6.3, plus the appliance guardrail): explicit Deny anywhere wins, then an
 * Allow from the caller's identity policies or (naming the caller) from the resource policy; else implicit
 * deny. The account root is implicitly allowed but bound by every explicit Deny. Pure; any thread.
 */
public final class Authorizer {
    private Authorizer() {
    }

    /**
     * What governs a request besides the request itself.
     *
     * @param guardrail      the appliance-wide guardrail (applies to everyone, root included), or null
     * @param identity       the caller's identity policies (user and its groups, or the role); none for root
     * @param resourcePolicy the bucket policy (or a role's trust policy), or null
     * @param resourceKind   {@link PolicyEvaluator.Kind#RESOURCE} or {@link PolicyEvaluator.Kind#TRUST}
     * @param rootOverridesResourcePolicy root ignores the resource policy's Deny (managing the bucket policy
     *                       itself, so that a policy can never lock the owner out)
     */
    public record Policies(Policy guardrail, List<Policy> identity, Policy resourcePolicy,
                           PolicyEvaluator.Kind resourceKind, boolean rootOverridesResourcePolicy) {
        public Policies {
            identity = List.copyOf(identity);
        }

        public static Policies of(Policy guardrail, List<Policy> identity, Policy bucketPolicy) {
            return new Policies(guardrail, identity, bucketPolicy, PolicyEvaluator.Kind.RESOURCE, false);
        }
    }

    public static boolean allowed(RequestFacts f, Policies p) {
        boolean root = f.caller().kind() == Caller.Kind.ROOT;
        if (p.guardrail() != null) {
            PolicyEvaluator.Result g = PolicyEvaluator.evaluate(p.guardrail(), f, PolicyEvaluator.Kind.RESOURCE);
            // A guardrail with Allow statements is an allow-list: what it does not allow, nobody may do.
            if (g.denied() || (p.guardrail().hasAllow() && !g.allowed() && !g.allowedViaAccount())) {
                return false;
            }
        }
        PolicyEvaluator.Result r = PolicyEvaluator.evaluate(p.resourcePolicy(), f, p.resourceKind());
        if (r.denied() && !(root && p.rootOverridesResourcePolicy())) {
            return false;
        }
        boolean identityAllows = false;
        for (Policy ip : p.identity()) {
            PolicyEvaluator.Result i = PolicyEvaluator.evaluate(ip, f, PolicyEvaluator.Kind.IDENTITY);
            if (i.denied()) {
                return false;
            }
            identityAllows |= i.allowed();
        }
        return root || identityAllows || r.allowed();
    }

    /**
     * May the caller assume a role (sts:AssumeRole on the role's ARN)? The trust policy must name the
     * caller; when it names only the account, the caller's identity policies must allow it too. Root may
     * not assume roles, as in AWS.
     */
    public static boolean mayAssume(RequestFacts f, Policy guardrail, List<Policy> identity, Policy trust) {
        if (f.caller().kind() != Caller.Kind.USER && f.caller().kind() != Caller.Kind.ROLE_SESSION) {
            return false;
        }
        PolicyEvaluator.Result t = PolicyEvaluator.evaluate(trust, f, PolicyEvaluator.Kind.TRUST);
        if (t.denied() || !(t.allowed() || t.allowedViaAccount())) {
            return false;
        }
        Policies p = new Policies(guardrail, identity, trust, PolicyEvaluator.Kind.TRUST, false);
        if (!allowed(f, p)) {
            return false;
        }
        return t.allowed() || allowed(f, new Policies(guardrail, identity, null, PolicyEvaluator.Kind.TRUST, false));
    }
}
