package org.amber.lockd.policy;

import java.util.List;

/**
 * One statement. Exactly one of Action/NotAction is given ({@code notAction} says which); Resource and
 * Principal likewise, and either may be absent (a trust policy has no Resource, an identity policy no
 * Principal): absent is {@code null}.
 */
public record Statement(String sid, Effect effect, Principals principal, boolean notPrincipal, List<String> actions,
                        boolean notAction, List<String> resources, boolean notResource, List<Condition> conditions) {
    public Statement {
        actions = List.copyOf(actions);
        resources = resources == null ? null : List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }
}
