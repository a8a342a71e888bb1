package org.amber.s3.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.amber.lockd.policy.Arns;
import org.amber.lockd.policy.Condition;
import org.amber.lockd.policy.Effect;
import org.amber.lockd.policy.Operator;
import org.amber.lockd.policy.Policy;
import org.amber.lockd.policy.Principals;
import org.amber.lockd.policy.Statement;

/**
 * Reads and validates a policy document (IAM policy grammar) into lockd's model. Refuses, with a message
 * naming the problem, anything it would otherwise have to guess at: a security document is never
 * half-understood. Thread-safe.
 */
public final class PolicyParser {
    /** The largest document accepted (S3's bucket-policy limit). */
    public static final int MAX_BYTES = 20 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
            "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Pattern AWS_PRINCIPAL = Pattern.compile(
            "\\*|[0-9]{12}|arn:aws:iam::[0-9]{12}:(root|user/[^*?]+|role/[^*?]+)|arn:aws:sts::[0-9]{12}:assumed-role/[^*?/]+/[^*?]+");

    private PolicyParser() {
    }

    /** Where the document will be attached, which decides what it must and must not contain. */
    public enum Kind {
        /** A user, group or role policy: no Principal. */
        IDENTITY,
        /** A bucket policy: Principal required; resources within the bucket. */
        BUCKET,
        /** A role's trust policy: Principal required, no Resource. */
        TRUST,
        /** The appliance guardrail: Principal and Resource required. */
        GUARDRAIL
    }

    /** Parses a document already accepted once (stored state): the kind's rules were checked when it was put. */
    public static Policy parseStored(String document, Kind kind) {
        try {
            return parse(document, kind, null);
        } catch (PolicyException e) {
            throw new IllegalStateException("a stored policy no longer parses: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code document} for attachment as {@code kind}.
     *
     * @param bucket the bucket a {@link Kind#BUCKET} policy belongs to (its resources must be in it); else null
     */
    public static Policy parse(String document, Kind kind, String bucket) throws PolicyException {
        if (document == null || document.isBlank()) {
            throw new PolicyException("Policies must be valid JSON and the first byte must be '{'");
        }
        if (document.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new PolicyException("Policies must be no larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw new PolicyException("This policy contains invalid Json: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("Policies must be valid JSON and the first byte must be '{'");
        }
        knownFields(root, TOP);
        String version = Policy.LEGACY;
        if (root.has("Version")) {
            JsonNode v = root.get("Version");
            version = v.isTextual() ? v.asText() : v.toString();
            if (!Policy.CURRENT.equals(version) && !Policy.LEGACY.equals(version)) {
                throw new PolicyException("The policy language version \"" + version + "\" is not valid; a policy's Version must be \""
                        + Policy.CURRENT + "\" (or the legacy \"" + Policy.LEGACY + "\")");
            }
        }
        JsonNode st = root.get("Statement");
        if (st == null) {
            throw new PolicyException("Missing required field Statement");
        }
        List<Statement> statements = new ArrayList<>();
        if (st.isObject()) {
            statements.add(statement(st, kind, bucket));
        } else if (st.isArray() && st.size() > 0) {
            for (JsonNode s : st) {
                if (!s.isObject()) {
                    throw new PolicyException("Each Statement must be a JSON object");
                }
                statements.add(statement(s, kind, bucket));
            }
        } else {
            throw new PolicyException("Statement must be a JSON object or a non-empty array of objects");
        }
        return new Policy(version, statements);
    }

    private static Statement statement(JsonNode s, Kind kind, String bucket) throws PolicyException {
        knownFields(s, STATEMENT);
        String sid = s.has("Sid") ? text(s.get("Sid"), "Sid") : null;
        JsonNode e = s.get("Effect");
        if (e == null) {
            throw new PolicyException("Missing required field Effect");
        }
        Effect effect = switch (text(e, "Effect")) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new PolicyException("Invalid effect: " + e.asText() + " (must be Allow or Deny)");
        };
        boolean notAction = exactlyOne(s, "Action", "NotAction", true);
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), notAction ? "NotAction" : "Action");
        for (String a : actions) {
            if (!ACTION.matcher(a).matches()) {
                throw new PolicyException("Action \"" + a + "\" must be \"*\" or prefaced by a vendor, e.g. \"s3:GetObject\"");
            }
        }
        Principals principal = null;
        boolean notPrincipal = false;
        if (kind == Kind.IDENTITY) {
            if (s.has("Principal") || s.has("NotPrincipal")) {
                throw new PolicyException("Policy document should not specify a principal.");
            }
        } else {
            notPrincipal = exactlyOne(s, "Principal", "NotPrincipal", true);
            principal = principals(s.get(notPrincipal ? "NotPrincipal" : "Principal"));
        }
        List<String> resources = null;
        boolean notResource = false;
        if (kind == Kind.TRUST) {
            if (s.has("Resource") || s.has("NotResource")) {
                throw new PolicyException("Has prohibited field Resource: a trust policy's resource is its role");
            }
        } else {
            notResource = exactlyOne(s, "Resource", "NotResource", true);
            resources = strings(s.get(notResource ? "NotResource" : "Resource"), notResource ? "NotResource" : "Resource");
            if (kind == Kind.BUCKET && bucket != null) {
                for (String r : resources) {
                    if (!withinBucket(r, bucket)) {
                        throw new PolicyException("Policy has invalid resource \"" + r + "\": a bucket policy's resources must be in "
                                + Arns.bucket(bucket));
                    }
                }
            }
        }
        List<Condition> conditions = s.has("Condition") ? conditions(s.get("Condition")) : List.of();
        return new Statement(sid, effect, principal, notPrincipal, actions, notAction, resources, notResource, conditions);
    }

    /** Whether a bucket policy's resource pattern can name the bucket or objects in it (or is {@code *}). */
    static boolean withinBucket(String resource, String bucket) {
        if (resource.equals("*")) {
            return true;
        }
        int wild = indexOfWildcard(resource);
        String literal = wild < 0 ? resource : resource.substring(0, wild);
        String arn = Arns.bucket(bucket);
        if (wild < 0) {
            return resource.equals(arn) || resource.startsWith(arn + "/");
        }
        return (arn + "/").startsWith(literal) || literal.startsWith(arn + "/");
    }

    private static int indexOfWildcard(String s) {
        int a = s.indexOf('*');
        int q = s.indexOf('?');
        return a < 0 ? q : q < 0 ? a : Math.min(a, q);
    }

    private static Principals principals(JsonNode p) throws PolicyException {
        if (p.isTextual()) {
            if (!p.asText().equals("*")) {
                throw new PolicyException("Invalid principal in policy: a principal string must be \"*\"");
            }
            return Principals.everyone();
        }
        if (!p.isObject() || p.size() == 0) {
            throw new PolicyException("Invalid principal in policy: expected \"*\" or {\"AWS\": [...]}");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = p.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!PRINCIPAL_TYPES.contains(f.getKey())) {
                throw new PolicyException("Invalid principal in policy: unknown principal type \"" + f.getKey() + "\"");
            }
            List<String> values = strings(f.getValue(), "Principal");
            if (f.getKey().equals("AWS")) {
                for (String v : values) {
                    if (!AWS_PRINCIPAL.matcher(v).matches()) {
                        throw new PolicyException("Invalid principal in policy: \"" + v + "\"");
                    }
                }
            }
            byType.put(f.getKey(), values);
        }
        return new Principals(false, byType);
    }

    private static List<Condition> conditions(JsonNode c) throws PolicyException {
        if (!c.isObject()) {
            throw new PolicyException("Condition must be a JSON object");
        }
        List<Condition> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> ops = c.fields();
        while (ops.hasNext()) {
            Map.Entry<String, JsonNode> op = ops.next();
            Operator.Qualified operator = Operator.Qualified.parse(op.getKey())
                    .orElseThrow(() -> new PolicyException("Invalid Condition type : " + op.getKey()));
            if (!op.getValue().isObject() || op.getValue().size() == 0) {
                throw new PolicyException("Condition " + op.getKey() + " must map condition keys to values");
            }
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> k = keys.next();
                if (!k.getKey().contains(":")) {
                    throw new PolicyException("Condition key \"" + k.getKey() + "\" must be prefaced by a vendor, e.g. \"aws:SourceIp\"");
                }
                List<String> values = strings(k.getValue(), "Condition value");
                for (String v : values) {
                    if (!v.contains("${") && !validValue(operator.operator(), v)) {
                        throw new PolicyException("Invalid Condition value for " + op.getKey() + ": \"" + v + "\"");
                    }
                }
                out.add(operator.on(k.getKey(), values));
            }
        }
        return out;
    }

    /** Whether a value can ever be compared under {@code op}: a Deny that can never match is refused, not kept. */
    static boolean validValue(Operator op, String v) {
        switch (op.comparison()) {
            case NUMERIC_EQ:
            case NUMERIC_LT:
            case NUMERIC_LE:
            case NUMERIC_GT:
            case NUMERIC_GE:
                try {
                    new java.math.BigDecimal(v.trim());
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            case DATE_EQ:
            case DATE_LT:
            case DATE_LE:
            case DATE_GT:
            case DATE_GE:
                return org.amber.lockd.policy.Conditions.parseDate(v) != null;
            case BOOL:
            case NULL:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case IP:
                return org.amber.lockd.policy.Conditions.validCidr(v);
            default:
                return true;
        }
    }

    private static void knownFields(JsonNode node, Set<String> allowed) throws PolicyException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new PolicyException("Unknown field " + n);
            }
        }
    }

    /** True if the second field is the one present; refuses both or (when required) neither. */
    private static boolean exactlyOne(JsonNode s, String a, String b, boolean required) throws PolicyException {
        if (s.has(a) && s.has(b)) {
            throw new PolicyException("A statement may have " + a + " or " + b + ", not both");
        }
        if (required && !s.has(a) && !s.has(b)) {
            throw new PolicyException("Missing required field " + a);
        }
        return s.has(b);
    }

    private static String text(JsonNode n, String field) throws PolicyException {
        if (!n.isTextual()) {
            throw new PolicyException(field + " must be a string");
        }
        return n.asText();
    }

    /** A string, number or boolean, or a non-empty array of them, as strings. */
    private static List<String> strings(JsonNode n, String field) throws PolicyException {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            if (n.size() == 0) {
                throw new PolicyException(field + " must not be an empty list");
            }
            for (JsonNode x : n) {
                out.add(scalar(x, field));
            }
        } else {
            out.add(scalar(n, field));
        }
        return out;
    }

    private static String scalar(JsonNode x, String field) throws PolicyException {
        if (x.isTextual()) {
            return x.asText();
        }
        if (x.isNumber() || x.isBoolean()) {
            return x.asText();
        }
        throw new PolicyException(field + " must be a string or a list of strings");
    }
}
