package org.amber.s3.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.amber.lockd.policy.Condition;
import org.amber.lockd.policy.Effect;
import org.amber.lockd.policy.Operator;
import org.amber.lockd.policy.Policy;
import org.amber.lockd.policy.Statement;
import org.amber.s3.S3Routes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy documents: what is accepted, and the message a refused one gets (MalformedPolicy / MalformedPolicyDocument). */
class PolicyParserTest {

    @Test
    void theSpecsExamplePolicyParsesWhole() throws Exception {
        Policy p = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"CapRetention","Effect":"Deny","Principal":"*",
                  "Action":["s3:PutObjectRetention","s3:PutObject"],
                  "Resource":"arn:aws:s3:::vault/*",
                  "Condition":{"NumericGreaterThan":{"s3:object-lock-remaining-retention-days":"10"}}},
                 {"Sid":"NoBypassExceptBreakGlass","Effect":"Deny","Principal":{"AWS":["*"]},
                  "Action":"s3:BypassGovernanceRetention","Resource":"arn:aws:s3:::vault/*",
                  "Condition":{"ForAnyValue:StringLikeIfExists":{"aws:PrincipalArn":["arn:aws:iam::*:role/x", 7, true]}}}
                ]}""", PolicyParser.Kind.BUCKET, "vault");
        assertEquals(2, p.statements().size());
        Statement cap = p.statements().get(0);
        assertEquals(Effect.DENY, cap.effect());
        assertTrue(cap.principal().anyone());
        assertEquals(java.util.List.of("s3:PutObjectRetention", "s3:PutObject"), cap.actions());
        assertEquals(Operator.NUMERIC_GREATER_THAN, cap.conditions().get(0).operator());
        Condition c = p.statements().get(1).conditions().get(0);
        assertEquals(Condition.SetQualifier.FOR_ANY_VALUE, c.set());
        assertTrue(c.ifExists());
        assertEquals(Operator.STRING_LIKE, c.operator());
        assertEquals(java.util.List.of("arn:aws:iam::*:role/x", "7", "true"), c.values());
        assertTrue(p.variables());
    }

    @Test
    void aMissingVersionIsTheLegacyOneWithoutVariables() throws Exception {
        Policy p = PolicyParser.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
                PolicyParser.Kind.IDENTITY, null);
        assertEquals(Policy.LEGACY, p.version());
        assertFalse(p.variables());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "IDENTITY|not json|This policy contains invalid Json",
            "IDENTITY|[1,2]|Policies must be valid JSON and the first byte must be '{'",
            "BUCKET|{\"Version\":\"2026-01-01\",\"Statement\":[]}|The policy language version \"2026-01-01\" is not valid; a policy's Version must be \"2012-10-17\" (or the legacy \"2008-10-17\")",
            "IDENTITY|{\"Version\":\"2012-10-17\"}|Missing required field Statement",
            "IDENTITY|{\"Version\":\"2012-10-17\",\"Statement\":[],\"Extra\":1}|Unknown field Extra",
            "IDENTITY|{\"Statement\":[]}|Statement must be a JSON object or a non-empty array of objects",
            "IDENTITY|{\"Statement\":{\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Missing required field Effect",
            "IDENTITY|{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Invalid effect: allow (must be Allow or Deny)",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}|Missing required field Action",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"s3:Get*\",\"Resource\":\"*\"}}|A statement may have Action or NotAction, not both",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}}|Action \"GetObject\" must be \"*\" or prefaced by a vendor, e.g. \"s3:GetObject\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}|Missing required field Resource",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Policy document should not specify a principal.",
            "BUCKET|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Missing required field Principal",
            "BUCKET|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"me\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Invalid principal in policy: a principal string must be \"*\"",
            "BUCKET|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Invalid principal in policy: \"bob\"",
            "BUCKET|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Human\":\"x\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Invalid principal in policy: unknown principal type \"Human\"",
            "BUCKET|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::other/*\"}}|Policy has invalid resource \"arn:aws:s3:::other/*\": a bucket policy's resources must be in arn:aws:s3:::vault",
            "TRUST|{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}|Has prohibited field Resource: a trust policy's resource is its role",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"s3:prefix\":\"a\"}}}}|Invalid Condition type : StringEqualz",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"s3:prefix\":\"true\"}}}}|Invalid Condition type : NullIfExists",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"prefix\":\"a\"}}}}|Condition key \"prefix\" must be prefaced by a vendor, e.g. \"aws:SourceIp\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"s3:prefix\":{\"a\":1}}}}}|Condition value must be a string or a list of strings",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}|Action must not be an empty list",
            "BUCKET|{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:user/*\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}}|Invalid principal in policy: \"arn:aws:iam::000000000000:user/*\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"NumericGreaterThan\":{\"s3:object-lock-remaining-retention-days\":\"10 days\"}}}}|Invalid Condition value for NumericGreaterThan: \"10 days\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"tomorrow\"}}}}|Invalid Condition value for DateLessThan: \"tomorrow\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"yes\"}}}}|Invalid Condition value for Bool: \"yes\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"bad.cafe\"}}}}|Invalid Condition value for IpAddress: \"bad.cafe\"",
            "IDENTITY|{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}|Invalid Condition value for IpAddress: \"10.0.0.0/33\"",
    })
    void refusedWithAMessageThatSaysWhatIsWrong(PolicyParser.Kind kind, String document, String message) {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse(document, kind, "vault"));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void duplicateKeysAndOversizedDocumentsAreRefused() {
        assertTrue(assertThrows(PolicyException.class, () -> PolicyParser.parse(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
                PolicyParser.Kind.IDENTITY, null)).getMessage().contains("Duplicate field 'Effect'"));
        String big = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Sid\":\"" + "x".repeat(PolicyParser.MAX_BYTES)
                + "\"}}";
        assertEquals("Policies must be no larger than 20480 bytes",
                assertThrows(PolicyException.class, () -> PolicyParser.parse(big, PolicyParser.Kind.IDENTITY, null)).getMessage());
    }

    @ParameterizedTest(name = "{0} in a policy of bucket vault: {1}")
    @CsvSource({"*, true", "arn:aws:s3:::vault, true", "arn:aws:s3:::vault/*, true", "arn:aws:s3:::vault/a/b.txt, true",
            "arn:aws:s3:::va*, true", "arn:aws:s3:::*, true", "arn:aws:s3:::vaults/*, false", "arn:aws:s3:::other, false"})
    void bucketPolicyResourcesMustBeInTheBucket(String resource, boolean ok) {
        assertEquals(ok, PolicyParser.withinBucket(resource, "vault"));
    }

    @Test
    void everyRouteHasItsIamActions() {
        for (var r : new S3Routes(null).routes()) {
            assertTrue(Actions.covers(r.name()), "no IAM action row for " + r.name());
        }
    }
}
