package org.amber.lockd.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy evaluator (OBJECT-LOCK-SPEC.md §6.3–§6.5): operator families, the absent-key rule, variables, the decision. */
class PolicyEvaluatorTest {
    static final Caller ALICE = Caller.user("alice", "AIDAALICE");

    static Condition condition(String op, String key, String values) {
        return Operator.Qualified.parse(op).orElseThrow().on(key, Arrays.asList(values.split("\\|")));
    }

    /** Request keys from "value" or "v1|v2" ("<absent>": no such key). */
    static RequestFacts facts(String key, String value) {
        Map<String, List<String>> keys = new HashMap<>();
        if (!"<absent>".equals(value)) {
            keys.put(key, Arrays.asList(value.split("\\|")));
        }
        return new RequestFacts("s3:PutObject", "arn:aws:s3:::vault/k", ALICE, keys);
    }

    @ParameterizedTest(name = "{0} {1} {2} vs {3}: {4}")
    @CsvSource(delimiter = ';', value = {
            // String family
            "StringEquals; s3:x; ON; ON; true",
            "StringEquals; s3:x; ON; on; false",
            "StringEquals; s3:x; OFF|ON; ON; true",
            "StringNotEquals; s3:x; ON; OFF; true",
            "StringNotEquals; s3:x; ON; ON; false",
            "StringNotEquals; s3:x; ON|OFF; OFF; false",
            "StringEqualsIgnoreCase; s3:x; compliance; COMPLIANCE; true",
            "StringNotEqualsIgnoreCase; s3:x; compliance; COMPLIANCE; false",
            "StringLike; s3:x; home/*; home/alice/a.txt; true",
            "StringLike; s3:x; home/?; home/ab; false",
            "StringLike; s3:x; home/??; home/ab; true",
            "StringNotLike; s3:x; arn:aws:iam::*:role/LegalHoldOverride; arn:aws:iam::000000000000:role/LegalHoldOverride; false",
            "StringNotLike; s3:x; arn:aws:iam::*:role/LegalHoldOverride; arn:aws:iam::000000000000:user/bob; true",
            // Numeric family
            "NumericEquals; s3:x; 10; 10.0; true",
            "NumericNotEquals; s3:x; 10; 11; true",
            "NumericLessThan; s3:x; 10; 9; true",
            "NumericLessThan; s3:x; 10; 10; false",
            "NumericLessThanEquals; s3:x; 10; 10; true",
            "NumericGreaterThan; s3:x; 10; 11; true",
            "NumericGreaterThan; s3:x; 10; 10; false",
            "NumericGreaterThanEquals; s3:x; 10; 10; true",
            "NumericGreaterThan; s3:x; 10; ten; false",
            // Date family: ISO 8601 forms and epoch seconds on either side
            "DateEquals; aws:CurrentTime; 2030-01-01T00:00:00Z; 2030-01-01T00:00:00.000Z; true",
            "DateNotEquals; aws:CurrentTime; 2030-01-01; 2030-01-02T00:00:00Z; true",
            "DateLessThan; aws:CurrentTime; 2030-01-01T00:00:00Z; 2029-12-31T23:59:59Z; true",
            "DateLessThanEquals; aws:CurrentTime; 1893456000; 2030-01-01T00:00:00Z; true",
            "DateGreaterThan; aws:CurrentTime; 2030-01-01T00:00:00+01:00; 2030-01-01T00:00:00Z; true",
            "DateGreaterThanEquals; aws:CurrentTime; 2030-01-01; 2029-06-01; false",
            // Bool, Binary
            "Bool; aws:SecureTransport; false; false; true",
            "Bool; aws:SecureTransport; true; false; false",
            "Bool; aws:SecureTransport; TRUE; true; true",
            "BinaryEquals; s3:x; QmluYXJ5VmFsdWU=; QmluYXJ5VmFsdWU=; true",
            "BinaryEquals; s3:x; QmluYXJ5VmFsdWU=; QmluYXJ5; false",
            // IP family, IPv4, IPv6, IPv4-mapped
            "IpAddress; aws:SourceIp; 127.0.0.0/8; 127.0.0.1; true",
            "IpAddress; aws:SourceIp; 10.0.0.0/8|192.168.1.0/24; 192.168.1.77; true",
            "IpAddress; aws:SourceIp; 10.0.0.0/8; 11.0.0.1; false",
            "IpAddress; aws:SourceIp; 10.1.2.3; 10.1.2.3; true",
            "IpAddress; aws:SourceIp; 2001:db8::/32; 2001:db8:0:1::5; true",
            "IpAddress; aws:SourceIp; 127.0.0.0/8; ::ffff:127.0.0.1; true",
            "NotIpAddress; aws:SourceIp; 127.0.0.0/8; 10.0.0.1; true",
            "NotIpAddress; aws:SourceIp; 127.0.0.0/8; 127.0.0.1; false",
            "IpAddress; aws:SourceIp; 127.0.0.0/8; localhost; false",
            // ARN family: per segment, wildcards within a segment
            "ArnEquals; aws:PrincipalArn; arn:aws:iam::000000000000:role/break-glass; arn:aws:iam::000000000000:role/break-glass; true",
            "ArnEquals; aws:PrincipalArn; arn:aws:iam::000000000000:role/break-glass; arn:aws:iam::000000000000:role/other; false",
            "ArnLike; aws:PrincipalArn; arn:aws:iam::*:role/*; arn:aws:iam::000000000000:role/x; true",
            "ArnLike; aws:PrincipalArn; arn:aws:iam::*:role/*; arn:aws:iam::000000000000:user/x; false",
            "ArnNotEquals; aws:PrincipalArn; arn:aws:iam::000000000000:role/break-glass; arn:aws:iam::000000000000:user/x; true",
            "ArnNotLike; aws:PrincipalArn; arn:aws:iam::*:user/*; arn:aws:iam::000000000000:user/x; false",
            "ArnLike; aws:PrincipalArn; arn:aws:iam::000000000000:*; arn:aws:iam::000000000000:user/x; true",
            // Sets over multi-valued keys
            "ForAnyValue:StringEquals; s3:tags; a|b; c|b; true",
            "ForAnyValue:StringEquals; s3:tags; a|b; c|d; false",
            "ForAllValues:StringEquals; s3:tags; a|b; a|b; true",
            "ForAllValues:StringEquals; s3:tags; a|b; a|c; false",
            "ForAllValues:StringNotEquals; s3:tags; a; b|c; true",
            "ForAnyValue:StringNotEquals; s3:tags; a; a|c; true",
    })
    void operatorFamilies(String op, String key, String policyValues, String requestValue, boolean expected) {
        assertEquals(expected, Conditions.holds(condition(op, key, policyValues), facts(key, requestValue), true));
    }

    @ParameterizedTest(name = "{0} on an absent key: {1}")
    @CsvSource({
            "StringEquals, false",
            "StringNotEquals, true",
            "StringLike, false",
            "StringNotLike, true",
            "NumericGreaterThan, false",
            "NumericNotEquals, true",
            "DateLessThan, false",
            "DateNotEquals, true",
            "Bool, false",
            "IpAddress, false",
            "NotIpAddress, true",
            "ArnEquals, false",
            "ArnNotLike, true",
            "NumericGreaterThanIfExists, true",
            "StringEqualsIfExists, true",
            "ForAnyValue:StringEquals, false",
            "ForAllValues:StringEquals, true",
    })
    void absentKeys(String op, boolean expected) {
        Condition c = condition(op, "s3:object-lock-remaining-retention-days", "10");
        assertEquals(expected, Conditions.holds(c, facts("s3:object-lock-remaining-retention-days", "<absent>"), true));
    }

    @ParameterizedTest(name = "Null {0} with the key {1}: {2}")
    @CsvSource({"true, <absent>, true", "true, ON, false", "false, ON, true", "false, <absent>, false"})
    void nullOperator(String policy, String request, boolean expected) {
        assertEquals(expected, Conditions.holds(condition("Null", "s3:object-lock-legal-hold", policy),
                facts("s3:object-lock-legal-hold", request), true));
    }

    @Test
    void conditionKeyNamesAreCaseInsensitive() {
        Condition c = condition("NumericGreaterThan", "S3:Object-Lock-Remaining-Retention-Days", "10");
        assertTrue(Conditions.holds(c, facts("s3:object-lock-remaining-retention-days", "11"), true));
    }

    static Policy identity(String version, String resource) {
        return new Policy(version, List.of(new Statement(null, Effect.ALLOW, null, false, List.of("s3:GetObject"), false,
                List.of(resource), false, List.of())));
    }

    @ParameterizedTest(name = "{0} under {1} for {2}: {3}")
    @CsvSource(delimiter = ';', value = {
            "arn:aws:s3:::b/home/${aws:username}/*; 2012-10-17; arn:aws:s3:::b/home/alice/x; true",
            "arn:aws:s3:::b/home/${aws:username}/*; 2012-10-17; arn:aws:s3:::b/home/bob/x; false",
            "arn:aws:s3:::b/home/${AWS:UserName}/*; 2012-10-17; arn:aws:s3:::b/home/alice/x; true",
            "arn:aws:s3:::b/home/${aws:username}/*; 2008-10-17; arn:aws:s3:::b/home/alice/x; false",
            "arn:aws:s3:::b/home/${aws:username}/*; 2008-10-17; arn:aws:s3:::b/home/${aws:username}/x; true",
            "arn:aws:s3:::b/${aws:userid}; 2012-10-17; arn:aws:s3:::b/AIDAALICE; true",
            "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*; 2012-10-17; arn:aws:s3:::b/shared/x; true",
            "arn:aws:s3:::b/${aws:PrincipalTag/team}/*; 2012-10-17; arn:aws:s3:::b//x; false",
            "arn:aws:s3:::b/star${*}; 2012-10-17; arn:aws:s3:::b/star*; true",
            "arn:aws:s3:::b/star${*}; 2012-10-17; arn:aws:s3:::b/starfish; false",
            "arn:aws:s3:::b/q${?}; 2012-10-17; arn:aws:s3:::b/q?; true",
            "arn:aws:s3:::b/q${?}; 2012-10-17; arn:aws:s3:::b/qx; false",
            "arn:aws:s3:::b/d${$}; 2012-10-17; arn:aws:s3:::b/d$; true",
            "arn:aws:s3:::b/*; 2012-10-17; arn:aws:s3:::b/a/b/c; true",
            "arn:aws:s3:::b/*; 2012-10-17; arn:aws:s3:::bb/a; false",
    })
    void policyVariablesInResources(String resource, String version, String requested, boolean expected) {
        RequestFacts f = new RequestFacts("s3:GetObject", requested, ALICE, Map.of());
        assertEquals(expected, PolicyEvaluator.evaluate(identity(version, resource), f, PolicyEvaluator.Kind.IDENTITY).allowed());
    }

    @ParameterizedTest(name = "condition value {0} against {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "home/${aws:username}/*; home/alice/docs; true",
            "home/${aws:username}/*; home/bob/docs; false",
            "${aws:SourceIp}; 127.0.0.1; true",
            "${aws:nosuchkey}; anything; false",
    })
    void policyVariablesInConditions(String value, String prefix, boolean expected) {
        Map<String, List<String>> keys = Map.of("s3:prefix", List.of(prefix), "aws:SourceIp", List.of("127.0.0.1"));
        RequestFacts f = new RequestFacts("s3:ListBucket", "arn:aws:s3:::b", ALICE, keys);
        assertEquals(expected, Conditions.holds(condition("StringLike", "s3:prefix", value), f, true));
    }

    static Statement stmt(Effect e, Principals p, String action, String resource, Condition... conditions) {
        return new Statement(null, e, p, false, List.of(action), false, resource == null ? null : List.of(resource), false,
                List.of(conditions));
    }

    static Policy policy(Statement... s) {
        return new Policy(Policy.CURRENT, List.of(s));
    }

    static Principals aws(String... arns) {
        return new Principals(false, Map.of("AWS", List.of(arns)));
    }

    static final Policy ALLOW_ALL = policy(stmt(Effect.ALLOW, null, "s3:*", "*"));
    static final Policy DENY_BYPASS = policy(stmt(Effect.DENY, null, "s3:BypassGovernanceRetention", "*"));

    static RequestFacts ask(Caller c, String action) {
        return new RequestFacts(action, "arn:aws:s3:::vault/k", c, Map.of());
    }

    @Test
    void explicitDenyBeatsAllowAndImplicitDenyIsTheDefault() {
        RequestFacts bypass = ask(ALICE, "s3:BypassGovernanceRetention");
        assertTrue(Authorizer.allowed(bypass, Authorizer.Policies.of(null, List.of(ALLOW_ALL), null)));
        assertFalse(Authorizer.allowed(bypass, Authorizer.Policies.of(null, List.of(ALLOW_ALL, DENY_BYPASS), null)));
        assertFalse(Authorizer.allowed(bypass, Authorizer.Policies.of(null, List.of(), null)), "implicit deny");
        assertTrue(Authorizer.allowed(ask(ALICE, "S3:getobject"), Authorizer.Policies.of(null, List.of(ALLOW_ALL), null)),
                "action names are case-insensitive");
    }

    @Test
    void rootIsImplicitlyAllowedButBoundByBucketPolicyAndGuardrailDenies() {
        RequestFacts bypass = ask(Caller.root(), "s3:BypassGovernanceRetention");
        assertTrue(Authorizer.allowed(bypass, Authorizer.Policies.of(null, List.of(), null)));
        Policy everyone = policy(stmt(Effect.DENY, aws("*"), "s3:BypassGovernanceRetention", "*"));
        assertFalse(Authorizer.allowed(bypass, Authorizer.Policies.of(null, List.of(), everyone)));
        assertFalse(Authorizer.allowed(bypass, Authorizer.Policies.of(everyone, List.of(), null)));
        // Managing the bucket policy itself: root's lock-out recovery.
        Policy denyPolicyChanges = policy(stmt(Effect.DENY, Principals.everyone(), "s3:PutBucketPolicy", "*"));
        RequestFacts put = new RequestFacts("s3:PutBucketPolicy", "arn:aws:s3:::vault", Caller.root(), Map.of());
        assertTrue(Authorizer.allowed(put, new Authorizer.Policies(null, List.of(), denyPolicyChanges,
                PolicyEvaluator.Kind.RESOURCE, true)));
        assertFalse(Authorizer.allowed(put.with("s3:PutBucketPolicy", "arn:aws:s3:::vault"),
                new Authorizer.Policies(null, List.of(), denyPolicyChanges, PolicyEvaluator.Kind.RESOURCE, false)));
    }

    @Test
    void bucketPolicyAllowsNamedPrincipalsAndDelegatesToTheAccount() {
        RequestFacts get = ask(ALICE, "s3:GetObject");
        Policy namesAlice = policy(stmt(Effect.ALLOW, aws(Arns.user("alice")), "s3:GetObject", "arn:aws:s3:::vault/*"));
        Policy namesAccount = policy(stmt(Effect.ALLOW, aws(Arns.ACCOUNT_ID), "s3:GetObject", "arn:aws:s3:::vault/*"));
        Policy namesBob = policy(stmt(Effect.ALLOW, aws(Arns.user("bob")), "s3:GetObject", "arn:aws:s3:::vault/*"));
        Policy publicRead = policy(stmt(Effect.ALLOW, Principals.everyone(), "s3:GetObject", "arn:aws:s3:::vault/*"));
        assertTrue(Authorizer.allowed(get, Authorizer.Policies.of(null, List.of(), namesAlice)));
        assertFalse(Authorizer.allowed(get, Authorizer.Policies.of(null, List.of(), namesAccount)),
                "the account principal delegates to the account's own policies, which allow nothing here");
        assertFalse(Authorizer.allowed(get, Authorizer.Policies.of(null, List.of(), namesBob)));
        assertTrue(Authorizer.allowed(ask(Caller.anonymous(), "s3:GetObject"), Authorizer.Policies.of(null, List.of(), publicRead)));
        assertFalse(Authorizer.allowed(ask(Caller.anonymous(), "s3:GetObject"), Authorizer.Policies.of(null, List.of(), namesAccount)));
        Caller session = Caller.roleSession("reader", "AROAREADER", "s1");
        Policy namesRole = policy(stmt(Effect.ALLOW, aws(Arns.role("reader")), "s3:GetObject", "arn:aws:s3:::vault/*"));
        assertTrue(Authorizer.allowed(ask(session, "s3:GetObject"), Authorizer.Policies.of(null, List.of(), namesRole)));
    }

    @Test
    void notPrincipalNotActionNotResource() {
        Statement notBob = new Statement(null, Effect.DENY, aws(Arns.user("bob")), true, List.of("s3:*"), false, List.of("*"), false, List.of());
        Policy p = policy(notBob);
        assertFalse(Authorizer.allowed(ask(ALICE, "s3:GetObject"), Authorizer.Policies.of(null, List.of(ALLOW_ALL), p)));
        assertTrue(Authorizer.allowed(ask(Caller.user("bob", "AIDABOB"), "s3:GetObject"), Authorizer.Policies.of(null, List.of(ALLOW_ALL), p)));
        Statement allButDelete = new Statement(null, Effect.ALLOW, null, false, List.of("s3:Delete*"), true, List.of("*"), false, List.of());
        assertTrue(Authorizer.allowed(ask(ALICE, "s3:GetObject"), Authorizer.Policies.of(null, List.of(policy(allButDelete)), null)));
        assertFalse(Authorizer.allowed(ask(ALICE, "s3:DeleteObjectVersion"), Authorizer.Policies.of(null, List.of(policy(allButDelete)), null)));
        Statement outsideVault = new Statement(null, Effect.ALLOW, null, false, List.of("s3:*"), false, List.of("arn:aws:s3:::vault/*"), true, List.of());
        assertFalse(Authorizer.allowed(ask(ALICE, "s3:GetObject"), Authorizer.Policies.of(null, List.of(policy(outsideVault)), null)));
    }

    @Test
    void aGuardrailWithAllowStatementsIsAnAllowList() {
        Policy onlyReads = policy(stmt(Effect.ALLOW, Principals.everyone(), "s3:Get*", "*"));
        assertTrue(Authorizer.allowed(ask(ALICE, "s3:GetObject"), Authorizer.Policies.of(onlyReads, List.of(ALLOW_ALL), null)));
        assertFalse(Authorizer.allowed(ask(ALICE, "s3:PutObject"), Authorizer.Policies.of(onlyReads, List.of(ALLOW_ALL), null)));
        assertFalse(Authorizer.allowed(ask(Caller.root(), "s3:PutObject"), Authorizer.Policies.of(onlyReads, List.of(), null)));
    }

    @Test
    void seed002GuardrailLetsOnlyTheOverrideRoleLiftAHold() {
        Policy guardrail = policy(stmt(Effect.DENY, Principals.everyone(), "s3:PutObjectLegalHold", "arn:aws:s3:::*",
                condition("StringEquals", "s3:object-lock-legal-hold", "OFF"),
                condition("StringNotLike", "aws:PrincipalArn", "arn:aws:iam::000000000000:role/LegalHoldOverride")));
        Map<String, List<String>> off = Map.of("s3:object-lock-legal-hold", List.of("OFF"));
        Map<String, List<String>> on = Map.of("s3:object-lock-legal-hold", List.of("ON"));
        Caller override = Caller.roleSession("LegalHoldOverride", "AROAX", "s");
        for (Caller c : List.of(Caller.root(), ALICE, Caller.roleSession("Other", "AROAY", "s"))) {
            RequestFacts f = new RequestFacts("s3:PutObjectLegalHold", "arn:aws:s3:::vault/k", c, off);
            assertFalse(Authorizer.allowed(f, Authorizer.Policies.of(guardrail, List.of(ALLOW_ALL), null)), c.auditName());
            assertTrue(Authorizer.allowed(f.withKeys(on), Authorizer.Policies.of(guardrail, List.of(ALLOW_ALL), null)), c.auditName());
        }
        RequestFacts lift = new RequestFacts("s3:PutObjectLegalHold", "arn:aws:s3:::vault/k", override, off);
        assertTrue(Authorizer.allowed(lift, Authorizer.Policies.of(guardrail, List.of(ALLOW_ALL), null)));
    }

    @Test
    void assumingARoleNeedsTheTrustPolicy() {
        Policy trustsAlice = policy(stmt(Effect.ALLOW, aws(Arns.user("alice")), "sts:AssumeRole", null));
        Policy trustsAccount = policy(stmt(Effect.ALLOW, aws(Arns.ROOT), "sts:AssumeRole", null));
        Policy mayAssume = policy(stmt(Effect.ALLOW, null, "sts:AssumeRole", Arns.role("r")));
        RequestFacts f = new RequestFacts("sts:AssumeRole", Arns.role("r"), ALICE, Map.of());
        assertTrue(Authorizer.mayAssume(f, null, List.of(), trustsAlice));
        assertFalse(Authorizer.mayAssume(f, null, List.of(), trustsAccount));
        assertTrue(Authorizer.mayAssume(f, null, List.of(mayAssume), trustsAccount));
        assertFalse(Authorizer.mayAssume(f, null, List.of(mayAssume), policy(stmt(Effect.ALLOW, aws(Arns.user("bob")), "sts:AssumeRole", null))));
        RequestFacts byRoot = new RequestFacts("sts:AssumeRole", Arns.role("r"), Caller.root(), Map.of());
        assertFalse(Authorizer.mayAssume(byRoot, null, List.of(), trustsAccount), "root may not assume roles");
    }

    @Test
    void wildcardMatchingStaysLinearOnKeysACallerChooses() {
        // With regular expressions this pair backtracks for hours; a glob answers at once.
        Policy p = identity(Policy.CURRENT, "arn:aws:s3:::b/*/*/*/*/*.log");
        String key = "arn:aws:s3:::b/" + "/".repeat(1000) + "x";
        RequestFacts f = new RequestFacts("s3:GetObject", key, ALICE, Map.of());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertFalse(PolicyEvaluator.evaluate(p, f, PolicyEvaluator.Kind.IDENTITY).allowed()));
        RequestFacts hit = new RequestFacts("s3:GetObject", "arn:aws:s3:::b/1/2/3/4/a.log", ALICE, Map.of());
        assertTrue(PolicyEvaluator.evaluate(p, hit, PolicyEvaluator.Kind.IDENTITY).allowed());
    }

    @Test
    void notPrincipalNamingTheAccountDoesNotSpareItsUsers() {
        Statement denyAllButRoot = new Statement(null, Effect.DENY, aws(Arns.ROOT), true, List.of("s3:*"), false, List.of("*"), false,
                List.of());
        Policy p = policy(denyAllButRoot);
        assertFalse(Authorizer.allowed(ask(ALICE, "s3:GetObject"), Authorizer.Policies.of(null, List.of(ALLOW_ALL), p)));
        assertTrue(Authorizer.allowed(ask(Caller.root(), "s3:GetObject"), Authorizer.Policies.of(null, List.of(), p)));
    }

    @Test
    void arnConditionsTakeVariableValuesLiterally() {
        Condition c = condition("ArnLike", "aws:PrincipalArn", "arn:aws:iam::000000000000:user/${aws:username}");
        Caller star = Caller.user("*", "AIDASTAR");
        assertTrue(Conditions.holds(c, new RequestFacts("s3:GetObject", "*", star, Map.of()), true));
        // alice's ARN must not match a value that resolved to the star user's name.
        RequestFacts asAlice = new RequestFacts("s3:GetObject", "*", ALICE, Map.of("aws:username", List.of("*")));
        assertFalse(Conditions.holds(c, asAlice, true));
    }
}
