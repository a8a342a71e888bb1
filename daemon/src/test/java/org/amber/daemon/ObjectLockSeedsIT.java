package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own walk-throughs, shared/seeds/000 to 004, command by command with the aws CLI (and the
 * seeds' Python with boto3) against bin/amberd, each procedure on a fresh daemon as the seeds assume.
 * Refusals come with the spec's code and message (OBJECT-LOCK-SPEC.md §7.2), not the wording of whichever
 * server the seed was written against.
 *
 * <p>The seeds' IAM users are real IAM users (created with {@code aws iam}, carrying the seeds' own policies);
 * root acts where a seed says root. Seed 002's resource control policy is Amber's guardrail, set with
 * {@code amberctl}; seed 003's retention cap is a bucket policy. Dates the seeds wrote in early 2026 are moved
 * relative to today, keeping what they test (shorter or longer than the retention in force, in the future).
 */
class ObjectLockSeedsIT {
    static final String LOCKED = "Access Denied because object protected by object lock.";

    @TempDir
    Path tmp;

    /** Runs {@code body} against a fresh amberd, then stops it cleanly. */
    void onFreshDaemon(String name, ThrowingConsumer<AwsCli> body) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        try (Amberd amberd = Amberd.start(dir.resolve("data"), dir.resolve("amberd.log"))) {
            body.accept(new AwsCli(amberd, dir));
            amberd.terminate();
        }
    }

    interface ThrowingConsumer<T> {
        void accept(T t) throws Exception;
    }

    static String date(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Seed 000's IAM policies, as the seed shows them. */
    static final String DENY_BYPASS = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "VisualEditor0", "Effect": "Deny",
              "Action": "s3:BypassGovernanceRetention", "Resource": "*"}]}""";
    static final String ALLOW_LISTING = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "VisualEditor0", "Effect": "Allow",
              "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}""";
    /** Seed 001's: legal hold may be set ON, never OFF. */
    static final String ONLY_HOLD_ON = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "VisualEditor0", "Effect": "Deny",
              "Action": "s3:PutObjectLegalHold", "Resource": "*",
              "Condition": {"StringNotEquals": {"s3:object-lock-legal-hold": "ON"}}}]}""";

    /** The seeds' "Allow access to buckets" policy for {@code bucket}. */
    static String allowBucket(String bucket) {
        return """
                {"Version": "2012-10-17", "Statement": [{"Sid": "VisualEditor0", "Effect": "Allow", "Action": "s3:*",
                  "Resource": ["arn:aws:s3:::%s", "arn:aws:s3:::%s/*"]}]}""".formatted(bucket, bucket);
    }

    /** Root creates IAM user {@code name} with an access key and these inline policies; returns the CLI as that user. */
    static AwsCli iamUser(AwsCli root, String name, String... policies) throws Exception {
        root.ok("iam", "create-user", "--user-name", name);
        JsonNode key = root.ok("iam", "create-access-key", "--user-name", name).json().get("AccessKey");
        for (int i = 0; i < policies.length; i++) {
            root.ok("iam", "put-user-policy", "--user-name", name, "--policy-name", "policy-" + i, "--policy-document", policies[i]);
        }
        return root.as(key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText(), null);
    }

    /** Asserts a refusal by policy (E4: "Access Denied"), not by a lock. */
    static void deniedByPolicy(AwsCli aws, String... args) throws Exception {
        AwsCli.Run r = aws.fails("AccessDenied", "Access Denied", args);
        assertFalse(r.err().contains("object lock"), r.err());
    }

    @Test
    void seed000RetentionInGovernanceMode() throws Exception {
        onFreshDaemon("seed000", root -> {
            root.ok("s3api", "create-bucket", "--bucket", "obj-lock-test-bucket", "--object-lock-enabled-for-bucket");
            AwsCli aws = iamUser(root, "seed-user", DENY_BYPASS, ALLOW_LISTING, allowBucket("obj-lock-test-bucket"));
            Path file = Files.writeString(tmp.resolve("local-filename"), "seed 000 data\n");
            TestDaemons.runBoto3("seed_000_retention.py", endpointOf(aws), aws.keys(), tmp, "seed 000: uploaded with retention",
                    "obj-lock-test-bucket", file.toString(), "object-key");
            JsonNode versions = aws.ok("s3api", "list-object-versions", "--bucket", "obj-lock-test-bucket").json().get("Versions");
            assertEquals(1, versions.size());
            String v = versions.get(0).get("VersionId").asText();
            JsonNode retention = aws.ok("s3api", "get-object-retention", "--bucket", "obj-lock-test-bucket", "--key", "object-key")
                    .json().get("Retention");
            assertEquals("GOVERNANCE", retention.get("Mode").asText());

            // "Try to delete it, and try to bypass governance retention – it should fail."
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v);
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v, "--bypass-governance-retention");
            // "Reducing retention period should fail": the seed's date is in the past, refused as such (E15).
            aws.fails("InvalidArgument", "The retain until date must be in the future!", "s3api", "put-object-retention",
                    "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--retention", "Mode=GOVERNANCE,RetainUntilDate=2020-01-19");
            aws.fails("InvalidArgument", "The retain until date must be in the future!", "s3api", "put-object-retention",
                    "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--retention", "Mode=GOVERNANCE,RetainUntilDate=2020-01-19",
                    "--bypass-governance-retention");
            // A shortening to a future date is refused too, and "attempt to bypass should always fail".
            String shorter = date(Instant.now().plusSeconds(3600));
            aws.fails("AccessDenied", LOCKED, "s3api", "put-object-retention", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + shorter);
            aws.fails("AccessDenied", LOCKED, "s3api", "put-object-retention", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + shorter, "--bypass-governance-retention");
            // "Extending retention period should succeed".
            String extended = date(Instant.now().plus(30, ChronoUnit.DAYS));
            aws.ok("s3api", "put-object-retention", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + extended);
            assertEquals(Instant.parse(extended), Instant.parse(aws.ok("s3api", "get-object-retention", "--bucket", "obj-lock-test-bucket",
                    "--key", "object-key").json().get("Retention").get("RetainUntilDate").asText().replace("+00:00", "Z")));
            // "AWS root user can disable governance retention and permanently delete objects."
            root.ok("s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--version-id", v,
                    "--bypass-governance-retention");
            assertTrue(aws.ok("s3api", "list-object-versions", "--bucket", "obj-lock-test-bucket").json().path("Versions").isEmpty());
        });
    }

    @Test
    void seed001LegalHold() throws Exception {
        onFreshDaemon("seed001", root -> {
            root.ok("s3api", "create-bucket", "--bucket", "obj-lock-test-bucket", "--object-lock-enabled-for-bucket");
            AwsCli aws = iamUser(root, "machine", ONLY_HOLD_ON, ALLOW_LISTING, allowBucket("obj-lock-test-bucket"));
            Path file = Files.writeString(tmp.resolve("local-filename"), "seed 001 data\n");
            TestDaemons.runBoto3("seed_001_legal_hold.py", endpointOf(aws), aws.keys(), tmp, "seed 001: uploaded with a legal hold",
                    "obj-lock-test-bucket", file.toString(), "object-key");
            String v = aws.ok("s3api", "list-object-versions", "--bucket", "obj-lock-test-bucket").json().get("Versions").get(0)
                    .get("VersionId").asText();
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v);
            // "it's possible to place delete marker, but the version history cannot be deleted."
            aws.ok("s3", "rm", "s3://obj-lock-test-bucket/object-key");
            assertFalse(aws.ok("s3", "ls", "s3://obj-lock-test-bucket/").out().contains("object-key"));
            JsonNode listed = aws.ok("s3api", "list-object-versions", "--bucket", "obj-lock-test-bucket").json();
            assertEquals(v, listed.get("Versions").get(0).get("VersionId").asText());
            assertFalse(listed.get("Versions").get(0).get("IsLatest").asBoolean());
            assertTrue(listed.get("DeleteMarkers").get(0).get("IsLatest").asBoolean());
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v, "--bypass-governance-retention");
            // The machine may set the hold ON (again), never OFF.
            aws.ok("s3api", "put-object-legal-hold", "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--version-id", v,
                    "--legal-hold", "Status=ON");
            deniedByPolicy(aws, "s3api", "put-object-legal-hold", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v, "--legal-hold", "Status=OFF");
            assertEquals("ON", aws.ok("s3api", "get-object-legal-hold", "--bucket", "obj-lock-test-bucket", "--key", "object-key",
                    "--version-id", v).json().get("LegalHold").get("Status").asText());
            // "AWS root user can turn OFF legal hold on an object."
            root.ok("s3api", "put-object-legal-hold", "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--version-id", v,
                    "--legal-hold", "Status=OFF");
            root.ok("s3api", "delete-object", "--bucket", "obj-lock-test-bucket", "--key", "object-key", "--version-id", v);
        });
    }

    /** Seed 002's resource control policy, installed as Amber's guardrail with amberctl; accountID is Amber's. */
    static final String GUARDRAIL_002 = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "DenyLegalHoldRemoval",
                  "Effect": "Deny",
                  "Principal": "*",
                  "Action": "s3:PutObjectLegalHold",
                  "Resource": "arn:aws:s3:::*",
                  "Condition": {
                    "StringEquals": {
                      "s3:object-lock-legal-hold": "OFF"
                    },
                    "StringNotLike": {
                      "aws:PrincipalArn": "arn:aws:iam::000000000000:role/LegalHoldOverride"
                    }
                  }
                }
              ]
            }""";

    @Test
    void seed002OnlyTheOverrideRoleMayLiftALegalHold() throws Exception {
        onFreshDaemon("seed002", root -> {
            root.ok("s3api", "create-bucket", "--bucket", "legal-bucket", "--object-lock-enabled-for-bucket");
            AwsCli aws = iamUser(root, "counsel", allowBucket("legal-bucket"));
            root.ok("iam", "create-role", "--role-name", "LegalHoldOverride", "--assume-role-policy-document", """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                      "Principal": {"AWS": "arn:aws:iam::000000000000:user/counsel"}}]}""");
            root.ok("iam", "put-role-policy", "--role-name", "LegalHoldOverride", "--policy-name", "holds", "--policy-document", """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Action": ["s3:PutObjectLegalHold", "s3:GetObjectLegalHold"], "Resource": "arn:aws:s3:::legal-bucket/*"}]}""");
            Path guardrail = Files.writeString(tmp.resolve("guardrail.json"), GUARDRAIL_002);
            amberctl(aws, "PutGuardrailPolicy", "PolicyDocument=@" + guardrail);
            assertTrue(amberctl(aws, "GetGuardrailPolicy").contains("DenyLegalHoldRemoval"));

            Path file = Files.writeString(tmp.resolve("evidence.txt"), "seed 002\n");
            String v = aws.ok("s3api", "put-object", "--bucket", "legal-bucket", "--key", "evidence.txt", "--body", file.toString())
                    .json().get("VersionId").asText();
            String[] hold = {"s3api", "put-object-legal-hold", "--bucket", "legal-bucket", "--key", "evidence.txt", "--version-id", v};
            aws.ok(concat(hold, "--legal-hold", "Status=ON"));
            // Everyone else, root included, is refused the removal.
            deniedByPolicy(aws, concat(hold, "--legal-hold", "Status=OFF"));
            deniedByPolicy(root, concat(hold, "--legal-hold", "Status=OFF"));
            root.ok(concat(hold, "--legal-hold", "Status=ON"));
            // The LegalHoldOverride role, assumed with aws sts assume-role, may lift it.
            JsonNode creds = aws.ok("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/LegalHoldOverride",
                    "--role-session-name", "lift-hold").json().get("Credentials");
            AwsCli override = aws.as(creds.get("AccessKeyId").asText(), creds.get("SecretAccessKey").asText(),
                    creds.get("SessionToken").asText());
            assertEquals("arn:aws:sts::000000000000:assumed-role/LegalHoldOverride/lift-hold",
                    override.ok("sts", "get-caller-identity").json().get("Arn").asText());
            override.ok(concat(hold, "--legal-hold", "Status=OFF"));
            assertEquals("OFF", override.ok("s3api", "get-object-legal-hold", "--bucket", "legal-bucket", "--key", "evidence.txt",
                    "--version-id", v).json().get("LegalHold").get("Status").asText());
            // The role grants nothing else.
            deniedByPolicy(override, "s3api", "delete-object", "--bucket", "legal-bucket", "--key", "evidence.txt", "--version-id", v);
            // A root trying to assume the role is refused, as in AWS.
            root.fails("AccessDenied", "is not authorized to perform: sts:AssumeRole", "sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/LegalHoldOverride",
                    "--role-session-name", "root-try");
        });
    }

    @Test
    void seed003BucketPolicyCapsRetentionAtTenDays() throws Exception {
        onFreshDaemon("seed003", root -> {
            root.ok("s3api", "create-bucket", "--bucket", "capped-bucket", "--object-lock-enabled-for-bucket");
            // The seed's policy (for the seed's bucket name), with s3:PutObject added as spec §6.6 does, so that a
            // write carrying lock headers is capped too.
            root.ok("s3api", "put-bucket-policy", "--bucket", "capped-bucket", "--policy", """
                    { "Version": "2012-10-17", "Id": "SetRetentionLimits", "Statement": [ { "Sid": "SetRetentionPeriod",
                      "Effect": "Deny", "Principal": "*", "Action": [ "s3:PutObjectRetention", "s3:PutObject" ],
                      "Resource": "arn:aws:s3:::capped-bucket/*",
                      "Condition": { "NumericGreaterThan": { "s3:object-lock-remaining-retention-days": "10" } } } ] }""");
            AwsCli aws = iamUser(root, "backup", allowBucket("capped-bucket"));
            Path file = Files.writeString(tmp.resolve("f.txt"), "seed 003\n");
            String v = aws.ok("s3api", "put-object", "--bucket", "capped-bucket", "--key", "f.txt", "--body", file.toString())
                    .json().get("VersionId").asText();
            String twentyDays = date(Instant.now().plus(20, ChronoUnit.DAYS));
            String fiveDays = date(Instant.now().plus(5, ChronoUnit.DAYS));
            String tenDays = date(Instant.now().plus(10, ChronoUnit.DAYS).minusSeconds(120));
            deniedByPolicy(aws, "s3api", "put-object-retention", "--bucket", "capped-bucket", "--key", "f.txt", "--version-id", v,
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + twentyDays);
            deniedByPolicy(root, "s3api", "put-object-retention", "--bucket", "capped-bucket", "--key", "f.txt", "--version-id", v,
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + twentyDays);
            aws.ok("s3api", "put-object-retention", "--bucket", "capped-bucket", "--key", "f.txt", "--version-id", v,
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + fiveDays);
            aws.ok("s3api", "put-object-retention", "--bucket", "capped-bucket", "--key", "f.txt", "--version-id", v,
                    "--retention", "Mode=GOVERNANCE,RetainUntilDate=" + tenDays);
            // The same cap on PutObject's lock headers; a write relying on no lock header carries no key and passes.
            deniedByPolicy(aws, "s3api", "put-object", "--bucket", "capped-bucket", "--key", "g.txt", "--body", file.toString(),
                    "--checksum-algorithm", "CRC32", "--object-lock-mode", "COMPLIANCE", "--object-lock-retain-until-date", twentyDays);
            aws.ok("s3api", "put-object", "--bucket", "capped-bucket", "--key", "g.txt", "--body", file.toString(),
                    "--checksum-algorithm", "CRC32", "--object-lock-mode", "COMPLIANCE", "--object-lock-retain-until-date", fiveDays);
            assertEquals("COMPLIANCE", aws.ok("s3api", "get-object-retention", "--bucket", "capped-bucket", "--key", "g.txt")
                    .json().get("Retention").get("Mode").asText());
            assertTrue(root.ok("s3api", "get-bucket-policy", "--bucket", "capped-bucket").json().get("Policy").asText()
                    .contains("SetRetentionLimits"));
        });
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs bin/amberctl against the daemon's data directory; returns what it printed, failing unless it exits 0. */
    static String amberctl(AwsCli aws, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Amberd.REPO.resolve("bin/amberctl").toString(), "--data",
                aws.amberd().data.toString()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void seed004GovernanceMode() throws Exception {
        onFreshDaemon("seed004-governance", aws -> {
            Path png = Files.write(tmp.resolve("some-object.png"), TestDaemons.randomBytes(10_000, 4));
            aws.ok("s3api", "create-bucket", "--bucket", "test-bucket", "--object-lock-enabled-for-bucket");
            aws.ok("s3api", "put-object-lock-configuration", "--bucket", "test-bucket", "--object-lock-configuration",
                    "{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"GOVERNANCE\",\"Days\":90}}}");
            JsonNode put = aws.ok("s3api", "put-object", "--bucket", "test-bucket", "--body", png.toString(), "--key", "some-object.png").json();
            String v = put.get("VersionId").asText();
            assertTrue(put.get("ETag").asText().startsWith("\""));
            JsonNode marker = aws.ok("s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png").json();
            assertTrue(marker.get("DeleteMarker").asBoolean());
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v);
            JsonNode r = aws.ok("s3api", "get-object-retention", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v)
                    .json().get("Retention");
            assertEquals("GOVERNANCE", r.get("Mode").asText());
            // Step 5: "the user test is able to bypass governance mode" (test holds s3:*, bypass included).
            AwsCli test = iamUser(aws, "test", allowBucket("test-bucket"));
            test.ok("s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v,
                    "--bypass-governance-retention");
            JsonNode listed = test.ok("s3api", "list-object-versions", "--bucket", "test-bucket").json();
            assertTrue(listed.path("Versions").isEmpty());
            assertEquals(marker.get("VersionId").asText(), listed.get("DeleteMarkers").get(0).get("VersionId").asText());
            assertTrue(listed.get("DeleteMarkers").get(0).get("IsLatest").asBoolean());

            // Step 6: the seed's policy says "Version": "2026-01-01", which is no policy language version: refused,
            // naming the valid ones. The same policy with 2012-10-17 is accepted.
            String again = test.ok("s3api", "put-object", "--bucket", "test-bucket", "--body", png.toString(), "--key", "some-object.png")
                    .json().get("VersionId").asText();
            String policy = """
                    {
                    "Version": "%s",
                    "Statement": [
                    {
                    "Effect": "Deny",
                    "Principal": {
                    "AWS": [
                    "*"
                    ]
                    },
                    "Action": "s3:BypassGovernanceRetention",
                    "Resource": "*"
                    }
                    ]
                    }""";
            aws.fails("MalformedPolicy", "\"2012-10-17\"", "s3api", "put-bucket-policy", "--bucket", "test-bucket", "--policy",
                    policy.formatted("2026-01-01"));
            aws.ok("s3api", "put-bucket-policy", "--bucket", "test-bucket", "--policy", policy.formatted("2012-10-17"));
            // Step 7: the bypass delete is refused for everyone, the user test and root alike.
            test.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png",
                    "--version-id", again, "--bypass-governance-retention");
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png",
                    "--version-id", again, "--bypass-governance-retention");
            // Root can always remove a bucket policy (lock-out recovery); then its bypass works again.
            aws.ok("s3api", "delete-bucket-policy", "--bucket", "test-bucket");
            aws.ok("s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", again,
                    "--bypass-governance-retention");
        });
    }

    @Test
    void seed004ComplianceMode() throws Exception {
        onFreshDaemon("seed004-compliance", aws -> {
            Path png = Files.write(tmp.resolve("some-object.png"), TestDaemons.randomBytes(10_000_000, 5));
            aws.ok("s3api", "create-bucket", "--bucket", "test-bucket", "--object-lock-enabled-for-bucket");
            aws.ok("s3api", "put-object-lock-configuration", "--bucket", "test-bucket", "--object-lock-configuration",
                    "{\"ObjectLockEnabled\":\"Enabled\",\"Rule\":{\"DefaultRetention\":{\"Mode\":\"COMPLIANCE\",\"Days\":90}}}");
            String v = aws.ok("s3api", "put-object", "--bucket", "test-bucket", "--body", png.toString(), "--key", "some-object.png")
                    .json().get("VersionId").asText();
            JsonNode r = aws.ok("s3api", "get-object-retention", "--bucket", "test-bucket", "--key", "some-object.png").json().get("Retention");
            assertEquals("COMPLIANCE", r.get("Mode").asText());
            Instant until = Instant.parse(r.get("RetainUntilDate").asText().replace("+00:00", "Z"));
            assertTrue(until.isAfter(Instant.now().plus(89, ChronoUnit.DAYS)), "90 days from now: " + until);
            assertTrue(aws.ok("s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png").json().get("DeleteMarker").asBoolean());
            JsonNode listed = aws.ok("s3api", "list-object-versions", "--bucket", "test-bucket").json();
            assertEquals(10_000_000, listed.get("Versions").get(0).get("Size").asLong());
            assertFalse(listed.get("Versions").get(0).get("IsLatest").asBoolean());
            assertTrue(listed.get("DeleteMarkers").get(0).get("IsLatest").asBoolean());
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v);
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v,
                    "--bypass-governance-retention");
            aws.fails("AccessDenied", LOCKED, "s3api", "put-object-retention", "--bucket", "test-bucket", "--key", "some-object.png",
                    "--version-id", v, "--retention", "{ \"Mode\": \"GOVERNANCE\", \"RetainUntilDate\": \"" + date(until.plus(30, ChronoUnit.DAYS)) + "\" }");
            aws.fails("AccessDenied", LOCKED, "s3api", "put-object-retention", "--bucket", "test-bucket", "--key", "some-object.png",
                    "--version-id", v, "--retention", "{ \"Mode\": \"COMPLIANCE\", \"RetainUntilDate\": \"" + date(until.minus(30, ChronoUnit.DAYS)) + "\" }");
            String later = until.plus(100, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
            aws.ok("s3api", "put-object-retention", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v,
                    "--retention", "{ \"Mode\": \"COMPLIANCE\", \"RetainUntilDate\": \"" + later + "\"}");
            assertEquals(Instant.parse(later + "T00:00:00Z"), Instant.parse(aws.ok("s3api", "get-object-retention", "--bucket", "test-bucket",
                    "--key", "some-object.png", "--version-id", v).json().get("Retention").get("RetainUntilDate").asText().replace("+00:00", "Z")));
            String earlier = until.plus(50, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
            aws.fails("AccessDenied", LOCKED, "s3api", "put-object-retention", "--bucket", "test-bucket", "--key", "some-object.png",
                    "--version-id", v, "--retention", "{ \"Mode\": \"COMPLIANCE\", \"RetainUntilDate\": \"" + earlier + "\"}");
            aws.fails("BucketNotEmpty", "You must delete all versions in the bucket", "s3api", "delete-bucket", "--bucket", "test-bucket");
        });
    }

    @Test
    void seed004LegalHold() throws Exception {
        onFreshDaemon("seed004-legal-hold", aws -> {
            Path png = Files.write(tmp.resolve("some-object.png"), TestDaemons.randomBytes(1000, 6));
            aws.ok("s3api", "create-bucket", "--bucket", "test-bucket", "--object-lock-enabled-for-bucket");
            String v = aws.ok("s3api", "put-object", "--bucket", "test-bucket", "--body", png.toString(), "--key", "some-object.png")
                    .json().get("VersionId").asText();
            aws.ok("s3api", "put-object-legal-hold", "--bucket", "test-bucket", "--key", "some-object.png", "--legal-hold", "Status=ON");
            assertEquals("ON", aws.ok("s3api", "get-object-legal-hold", "--bucket", "test-bucket", "--key", "some-object.png")
                    .json().get("LegalHold").get("Status").asText());
            aws.fails("AccessDenied", LOCKED, "s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v);
            aws.ok("s3api", "put-object-legal-hold", "--bucket", "test-bucket", "--key", "some-object.png", "--legal-hold", "Status=OFF");
            assertEquals("OFF", aws.ok("s3api", "get-object-legal-hold", "--bucket", "test-bucket", "--key", "some-object.png")
                    .json().get("LegalHold").get("Status").asText());
            assertEquals(v, aws.ok("s3api", "delete-object", "--bucket", "test-bucket", "--key", "some-object.png", "--version-id", v)
                    .json().get("VersionId").asText());
        });
    }

    private static java.net.URI endpointOf(AwsCli aws) {
        return aws.endpoint();
    }
}
