package org.amber.lockd.policy;

import java.util.List;

/**
 * One test of a statement's Condition block: {@code "<set:><Operator><IfExists>": {"<key>": [values]}}.
 * Several values for one key are OR-ed (AND-ed for negated operators).
 */
public record Condition(Operator operator, SetQualifier set, boolean ifExists, String key, List<String> values) {
    public Condition {
        values = List.copyOf(values);
    }

    /** The {@code ForAnyValue:}/{@code ForAllValues:} prefix, for multi-valued keys. */
    public enum SetQualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }
}
