package org.amber.lockd.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The condition operators of the IAM policy language (spec §6.4), without their {@code IfExists} suffix
 * or set prefix. A negated operator is true when its positive counterpart ({@link #base}) is false for
 * every policy value.
 */
public enum Operator {
    STRING_EQUALS("StringEquals", Comparison.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Comparison.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Comparison.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Comparison.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Comparison.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Comparison.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Comparison.NUMERIC_EQ, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Comparison.NUMERIC_EQ, true),
    NUMERIC_LESS_THAN("NumericLessThan", Comparison.NUMERIC_LT, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Comparison.NUMERIC_LE, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Comparison.NUMERIC_GT, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Comparison.NUMERIC_GE, false),
    DATE_EQUALS("DateEquals", Comparison.DATE_EQ, false),
    DATE_NOT_EQUALS("DateNotEquals", Comparison.DATE_EQ, true),
    DATE_LESS_THAN("DateLessThan", Comparison.DATE_LT, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Comparison.DATE_LE, false),
    DATE_GREATER_THAN("DateGreaterThan", Comparison.DATE_GT, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Comparison.DATE_GE, false),
    BOOL("Bool", Comparison.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Comparison.BINARY, false),
    IP_ADDRESS("IpAddress", Comparison.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Comparison.IP, true),
    ARN_EQUALS("ArnEquals", Comparison.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Comparison.ARN, true),
    ARN_LIKE("ArnLike", Comparison.ARN, false),
    ARN_NOT_LIKE("ArnNotLike", Comparison.ARN, true),
    NULL("Null", Comparison.NULL, false);

    private final String wireName;
    private final Comparison comparison;
    private final boolean negated;

    Operator(String wireName, Comparison comparison, boolean negated) {
        this.wireName = wireName;
        this.comparison = comparison;
        this.negated = negated;
    }

    public String wireName() {
        return wireName;
    }

    public Comparison comparison() {
        return comparison;
    }

    public boolean negated() {
        return negated;
    }

    /** The operator named {@code name} (case-insensitive, as IAM accepts it). */
    public static Optional<Operator> named(String name) {
        for (Operator o : values()) {
            if (o.wireName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** An operator as a Condition block names it: with its set prefix and {@code IfExists} suffix. */
    public record Qualified(Operator operator, Condition.SetQualifier set, boolean ifExists) {
        /**
         * Reads {@code [ForAnyValue:|ForAllValues:]Operator[IfExists]}; empty if the operator is unknown or
         * {@code Null} carries a prefix or suffix (it tests presence itself).
         */
        public static Optional<Qualified> parse(String name) {
            Condition.SetQualifier set = Condition.SetQualifier.NONE;
            String rest = name;
            if (rest.startsWith("ForAnyValue:")) {
                set = Condition.SetQualifier.FOR_ANY_VALUE;
                rest = rest.substring("ForAnyValue:".length());
            } else if (rest.startsWith("ForAllValues:")) {
                set = Condition.SetQualifier.FOR_ALL_VALUES;
                rest = rest.substring("ForAllValues:".length());
            }
            boolean ifExists = rest.endsWith("IfExists");
            Optional<Operator> op = named(ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest);
            if (op.isEmpty() || (op.get() == NULL && (ifExists || set != Condition.SetQualifier.NONE))) {
                return Optional.empty();
            }
            return Optional.of(new Qualified(op.get(), set, ifExists));
        }

        public Condition on(String key, java.util.List<String> values) {
            return new Condition(operator, set, ifExists, key, values);
        }
    }

    /** How a policy value is compared with a request value. */
    public enum Comparison {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
        DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE, BOOL, BINARY, IP, ARN, NULL
    }
}
