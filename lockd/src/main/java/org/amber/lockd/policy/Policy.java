package org.amber.lockd.policy;

import java.util.List;

/**
 * A parsed policy document (identity, bucket, trust or guardrail policy).
 *
 * @param version the policy language version, {@code 2012-10-17} or {@code 2008-10-17}; policy variables
 *                are substituted only under 2012-10-17
 * @param statements the statements, in document order
 */
public record Policy(String version, List<Statement> statements) {
    public static final String CURRENT = "2012-10-17";
    public static final String LEGACY = "2008-10-17";

    public Policy {
        statements = List.copyOf(statements);
    }

    /** Whether {@code ${...}} in resources and condition values are variables (2012-10-17) or literal text. */
    public boolean variables() {
        return CURRENT.equals(version);
    }

    /** Whether any statement allows anything: a guardrail with Allow statements is an allow-list. */
    public boolean hasAllow() {
        return statements.stream().anyMatch(s -> s.effect() == Effect.ALLOW);
    }
}
