package org.amber.lockd.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Evaluates one {@link Condition} against a request (spec §6.4, with the absent-key rule). Pure. */
public final class Conditions {
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private Conditions() {
    }

    public static boolean holds(Condition c, RequestFacts f, boolean variables) {
        List<String> ctx = f.keys().get(c.key().toLowerCase(Locale.ROOT));
        boolean present = ctx != null && !ctx.isEmpty();
        if (c.operator() == Operator.NULL) {
            // "Null": "true" means the key must be absent, "false" that it must be present.
            for (String v : c.values()) {
                if (Boolean.parseBoolean(v.trim()) != present) {
                    return true;
                }
            }
            return false;
        }
        if (!present) {
            if (c.ifExists() || c.set() == Condition.SetQualifier.FOR_ALL_VALUES) {
                return true;
            }
            if (c.set() == Condition.SetQualifier.FOR_ANY_VALUE) {
                return false;
            }
            return c.operator().negated();
        }
        boolean negated = c.operator().negated();
        switch (c.set()) {
            case FOR_ALL_VALUES:
                for (String v : ctx) {
                    if (anyPolicyValueMatches(c, v, f, variables) == negated) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                for (String v : ctx) {
                    if (anyPolicyValueMatches(c, v, f, variables) != negated) {
                        return true;
                    }
                }
                return false;
            case NONE:
            default:
                if (negated) {
                    for (String v : ctx) {
                        if (anyPolicyValueMatches(c, v, f, variables)) {
                            return false;
                        }
                    }
                    return true;
                }
                for (String v : ctx) {
                    if (anyPolicyValueMatches(c, v, f, variables)) {
                        return true;
                    }
                }
                return false;
        }
    }

    private static boolean anyPolicyValueMatches(Condition c, String requestValue, RequestFacts f, boolean variables) {
        for (String raw : c.values()) {
            if (matches(c.operator().comparison(), raw, requestValue, f, variables)) {
                return true;
            }
        }
        return false;
    }

    /** Whether policy value {@code raw} (variables resolved) matches the request's value under {@code cmp}. */
    static boolean matches(Operator.Comparison cmp, String raw, String requestValue, RequestFacts f, boolean variables) {
        if (cmp == Operator.Comparison.STRING_LIKE) {
            Glob p = Template.wildcard(raw, variables, f, false);
            return p != null && p.matches(requestValue);
        }
        if (cmp == Operator.Comparison.ARN) {
            return arnMatches(raw, requestValue, variables, f);
        }
        String policy = Template.literal(raw, variables, f);
        if (policy == null) {
            return false;
        }
        switch (cmp) {
            case STRING:
            case BINARY:
                return policy.equals(requestValue);
            case STRING_IGNORE_CASE:
                return policy.equalsIgnoreCase(requestValue);
            case BOOL:
                return policy.trim().equalsIgnoreCase(requestValue.trim());
            case NUMERIC_EQ:
            case NUMERIC_LT:
            case NUMERIC_LE:
            case NUMERIC_GT:
            case NUMERIC_GE:
                return numeric(cmp, requestValue, policy);
            case DATE_EQ:
            case DATE_LT:
            case DATE_LE:
            case DATE_GT:
            case DATE_GE:
                return date(cmp, requestValue, policy);
            case IP:
                return ipIn(requestValue, policy);
            default:
                return false;
        }
    }

    private static boolean numeric(Operator.Comparison cmp, String requestValue, String policy) {
        BigDecimal a;
        BigDecimal b;
        try {
            a = new BigDecimal(requestValue.trim());
            b = new BigDecimal(policy.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return ordered(cmp, a.compareTo(b));
    }

    private static boolean date(Operator.Comparison cmp, String requestValue, String policy) {
        Instant a = parseDate(requestValue);
        Instant b = parseDate(policy);
        return a != null && b != null && ordered(cmp, a.compareTo(b));
    }

    private static boolean ordered(Operator.Comparison cmp, int order) {
        switch (cmp) {
            case NUMERIC_EQ:
            case DATE_EQ:
                return order == 0;
            case NUMERIC_LT:
            case DATE_LT:
                return order < 0;
            case NUMERIC_LE:
            case DATE_LE:
                return order <= 0;
            case NUMERIC_GT:
            case DATE_GT:
                return order > 0;
            default:
                return order >= 0;
        }
    }

    /** An ISO 8601 date or date-time (zone optional, UTC assumed), or epoch seconds; null if neither. */
    public static Instant parseDate(String s) {
        String t = s.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // try the next shape
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next shape
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether {@code cidr} is an IP address or address/prefix that {@link #ipIn} can use. */
    public static boolean validCidr(String cidr) {
        String c = cidr.trim();
        int slash = c.indexOf('/');
        byte[] net = address(slash < 0 ? c : c.substring(0, slash));
        if (net == null) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int bits = Integer.parseInt(c.substring(slash + 1));
            return bits >= 0 && bits <= net.length * 8;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether {@code ip} lies in {@code cidr} (an address or address/prefix, IPv4 or IPv6). */
    static boolean ipIn(String ip, String cidr) {
        byte[] addr = address(ip.trim());
        String c = cidr.trim();
        int slash = c.indexOf('/');
        byte[] net = address(slash < 0 ? c : c.substring(0, slash));
        if (addr == null || net == null) {
            return false;
        }
        if (addr.length != net.length) {
            // An IPv4 client may arrive as an IPv4-mapped IPv6 address.
            if (addr.length == 16 && net.length == 4 && isMapped(addr)) {
                addr = java.util.Arrays.copyOfRange(addr, 12, 16);
            } else {
                return false;
            }
        }
        int bits;
        try {
            bits = slash < 0 ? net.length * 8 : Integer.parseInt(c.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > net.length * 8) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((addr[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** The bytes of an IP literal; never a DNS lookup (anything but digits, dots and colons is refused). */
    static byte[] address(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        // Only literals reach InetAddress, which then never asks DNS.
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * ARN matching: each of the six colon-separated parts compared alone, {@code *} and {@code ?} within a part;
     * the policy's parts are split before variables are resolved, so a variable's value is always literal.
     */
    static boolean arnMatches(String policy, String arn, boolean variables, RequestFacts f) {
        String[] p = policy.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != a.length) {
            return p.length == 1 && p[0].equals("*");
        }
        for (int i = 0; i < p.length; i++) {
            Glob part = Template.wildcard(p[i], variables, f, false);
            if (part == null || !part.matches(a[i])) {
                return false;
            }
        }
        return true;
    }
}
