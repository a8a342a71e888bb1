package org.amber.daemon;

import static org.amber.daemon.ObjectLockSeedsIT.allowBucket;
import static org.amber.daemon.ObjectLockSeedsIT.deniedByPolicy;
import static org.amber.daemon.ObjectLockSeedsIT.iamUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity and policy end to end with the aws CLI against bin/amberd: the IAM lifecycle (key limits, inactive
 * keys, delete conflicts, groups), what survives a restart (users, keys, policies, role sessions), policy
 * variables and condition keys on real requests, anonymous access through a bucket policy, the lock headers a
 * caller may not see, per-key refusals in DeleteObjects, and refused policy documents.
 */
class IamIT {
    @TempDir
    Path tmp;

    static String userPolicy(String statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements + "]}";
    }

    @Test
    void identitiesAndPoliciesEndToEnd() throws Exception {
        Path data = tmp.resolve("data");
        String sessionKey;
        String sessionSecret;
        String sessionToken;
        String aliceKey;
        String aliceSecret;
        Path file = Files.writeString(tmp.resolve("f.txt"), "policy data\n");
        try (Amberd amberd = Amberd.start(data, tmp.resolve("amberd-1.log"))) {
            AwsCli root = new AwsCli(amberd, tmp);
            root.ok("s3api", "create-bucket", "--bucket", "home", "--object-lock-enabled-for-bucket");

            // Policy variables: alice may write only under home/<her name>/ — and only from loopback.
            AwsCli alice = iamUser(root, "alice", userPolicy("""
                    {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
                     "Resource": "arn:aws:s3:::home/${aws:username}/*",
                     "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1/128"]}}},
                    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::home",
                     "Condition": {"StringLike": {"s3:prefix": "${aws:username}/*"}}}"""));
            aliceKey = alice.keys().accessKeyId();
            aliceSecret = alice.keys().secretKey();
            alice.ok("s3api", "put-object", "--bucket", "home", "--key", "alice/notes.txt", "--body", file.toString());
            deniedByPolicy(alice, "s3api", "put-object", "--bucket", "home", "--key", "bob/notes.txt", "--body", file.toString());
            alice.ok("s3api", "list-objects-v2", "--bucket", "home", "--prefix", "alice/");
            deniedByPolicy(alice, "s3api", "list-objects-v2", "--bucket", "home", "--prefix", "bob/");
            deniedByPolicy(alice, "s3api", "list-objects-v2", "--bucket", "home");
            // A Deny that matches the loopback source refuses even what an Allow grants.
            root.ok("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "no-loopback", "--policy-document", userPolicy("""
                    {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.1/32"}}}"""));
            deniedByPolicy(alice, "s3api", "put-object", "--bucket", "home", "--key", "alice/notes.txt", "--body", file.toString());
            root.ok("iam", "delete-user-policy", "--user-name", "alice", "--policy-name", "no-loopback");

            // The lock headers a caller may not read are left out of GET/HEAD (spec §4.5).
            String v = root.ok("s3api", "put-object", "--bucket", "home", "--key", "alice/locked.txt", "--body", file.toString(),
                    "--checksum-algorithm", "CRC32", "--object-lock-mode", "GOVERNANCE", "--object-lock-retain-until-date",
                    Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "--object-lock-legal-hold-status", "ON").json().get("VersionId").asText();
            JsonNode seenByAlice = alice.ok("s3api", "head-object", "--bucket", "home", "--key", "alice/locked.txt").json();
            assertFalse(seenByAlice.has("ObjectLockMode"), seenByAlice.toString());
            assertFalse(seenByAlice.has("ObjectLockLegalHoldStatus"), seenByAlice.toString());
            JsonNode seenByRoot = root.ok("s3api", "head-object", "--bucket", "home", "--key", "alice/locked.txt").json();
            assertEquals("GOVERNANCE", seenByRoot.get("ObjectLockMode").asText());
            assertEquals("ON", seenByRoot.get("ObjectLockLegalHoldStatus").asText());
            root.ok("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "see-retention", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjectRetention\", \"Resource\": \"*\"}"));
            JsonNode withRetention = alice.ok("s3api", "head-object", "--bucket", "home", "--key", "alice/locked.txt").json();
            assertEquals("GOVERNANCE", withRetention.get("ObjectLockMode").asText());
            assertFalse(withRetention.has("ObjectLockLegalHoldStatus"));
            // Writing lock headers needs s3:PutObjectRetention / s3:PutObjectLegalHold besides s3:PutObject (spec §3.3).
            deniedByPolicy(alice, "s3api", "put-object", "--bucket", "home", "--key", "alice/held.txt", "--body", file.toString(),
                    "--checksum-algorithm", "CRC32", "--object-lock-legal-hold-status", "ON");

            // DeleteObjects answers each key on its own: alice may not delete versions at all.
            root.ok("iam", "put-user-policy", "--user-name", "alice", "--policy-name", "delete-markers", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"arn:aws:s3:::home/alice/*\"}"));
            JsonNode multi = alice.ok("s3api", "delete-objects", "--bucket", "home", "--delete",
                    "{\"Objects\": [{\"Key\": \"alice/notes.txt\"}, {\"Key\": \"alice/locked.txt\", \"VersionId\": \"" + v + "\"}]}").json();
            assertEquals("alice/notes.txt", multi.get("Deleted").get(0).get("Key").asText());
            assertTrue(multi.get("Deleted").get(0).get("DeleteMarker").asBoolean());
            assertEquals("AccessDenied", multi.get("Errors").get(0).get("Code").asText());
            assertEquals("Access Denied", multi.get("Errors").get(0).get("Message").asText());

            // Keys: two at most; an inactive key signs nothing; a user with keys or policies cannot be deleted.
            root.ok("iam", "create-access-key", "--user-name", "alice");
            root.fails("LimitExceeded", "AccessKeysPerUser: 2", "iam", "create-access-key", "--user-name", "alice");
            root.ok("iam", "update-access-key", "--user-name", "alice", "--access-key-id", aliceKey, "--status", "Inactive");
            alice.fails("InvalidAccessKeyId", "does not exist in our records", "s3api", "list-buckets");
            JsonNode keys = root.ok("iam", "list-access-keys", "--user-name", "alice").json().get("AccessKeyMetadata");
            assertEquals(2, keys.size());
            root.ok("iam", "update-access-key", "--user-name", "alice", "--access-key-id", aliceKey, "--status", "Active");
            root.fails("DeleteConflict", "Cannot delete the user alice", "iam", "delete-user", "--user-name", "alice");
            root.fails("NoSuchEntity", "cannot be found", "iam", "get-user", "--user-name", "nobody");
            root.fails("EntityAlreadyExists", "already exists", "iam", "create-user", "--user-name", "alice");

            // Groups: a group's policies apply to its members, and stop applying when they leave.
            AwsCli bob = iamUser(root, "bob");
            deniedByPolicy(bob, "s3api", "list-object-versions", "--bucket", "home");
            root.ok("iam", "create-group", "--group-name", "auditors");
            root.ok("iam", "put-group-policy", "--group-name", "auditors", "--policy-name", "read", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Action\": [\"s3:ListBucketVersions\", \"s3:GetObject*\"], \"Resource\": \"*\"}"));
            root.ok("iam", "add-user-to-group", "--group-name", "auditors", "--user-name", "bob");
            assertEquals("bob", root.ok("iam", "get-group", "--group-name", "auditors").json().get("Users").get(0).get("UserName").asText());
            bob.ok("s3api", "list-object-versions", "--bucket", "home");
            root.ok("iam", "remove-user-from-group", "--group-name", "auditors", "--user-name", "bob");
            deniedByPolicy(bob, "s3api", "list-object-versions", "--bucket", "home");

            // Malformed documents are refused with what is wrong, by IAM and by S3.
            root.fails("MalformedPolicyDocument", "Policy document should not specify a principal.", "iam", "put-user-policy",
                    "--user-name", "bob", "--policy-name", "p", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": \"*\"}"));
            root.fails("MalformedPolicy", "Invalid Condition type : StringEqualz", "s3api", "put-bucket-policy", "--bucket", "home",
                    "--policy", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\","
                            + " \"Resource\": \"arn:aws:s3:::home/*\", \"Condition\": {\"StringEqualz\": {\"s3:prefix\": \"x\"}}}]}");

            // Anonymous requests: refused, until a bucket policy makes an object public.
            root.ok("s3api", "create-bucket", "--bucket", "public-site");
            root.ok("s3api", "put-object", "--bucket", "public-site", "--key", "index.html", "--body", file.toString());
            HttpClient http = HttpClient.newHttpClient();
            URI page = URI.create(amberd.endpoint() + "/public-site/index.html");
            assertEquals(403, http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertFalse(root.ok("s3api", "get-bucket-policy-status", "--bucket", "public-site").json().get("PolicyStatus")
                    .path("IsPublic").asBoolean(), "no policy: not public");
            root.ok("s3api", "put-bucket-policy", "--bucket", "public-site", "--policy", """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                      "Resource": "arn:aws:s3:::public-site/*"}]}""");
            HttpResponse<String> anon = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, anon.statusCode());
            assertEquals("policy data\n", anon.body());
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(amberd.endpoint() + "/public-site")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "listing is not public");
            assertTrue(root.ok("s3api", "get-bucket-policy-status", "--bucket", "public-site").json().get("PolicyStatus")
                    .get("IsPublic").asBoolean());

            // A role session, to be used again after the restart.
            root.ok("iam", "create-role", "--role-name", "reader", "--max-session-duration", "7200", "--assume-role-policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"000000000000\"}, \"Action\": \"sts:AssumeRole\"}"));
            root.ok("iam", "put-role-policy", "--role-name", "reader", "--policy-name", "read", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::home/*\"}"));
            // The trust policy names only the account, so bob needs sts:AssumeRole in his own policies too.
            bob.fails("AccessDenied", "is not authorized to perform: sts:AssumeRole", "sts", "assume-role", "--role-arn",
                    "arn:aws:iam::000000000000:role/reader", "--role-session-name", "first-try");
            root.ok("iam", "put-user-policy", "--user-name", "bob", "--policy-name", "assume", "--policy-document",
                    userPolicy("{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", \"Resource\": \"arn:aws:iam::000000000000:role/reader\"}"));
            bob.fails("ValidationError", "DurationSeconds", "sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/reader",
                    "--role-session-name", "too-long", "--duration-seconds", "7201");
            // A role ARN with a path is not the role's ARN: the question asked must be about the role assumed.
            bob.fails("AccessDenied", "is not authorized to perform: sts:AssumeRole", "sts", "assume-role", "--role-arn",
                    "arn:aws:iam::000000000000:role/any/reader", "--role-session-name", "path-try");
            JsonNode creds = bob.ok("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/reader",
                    "--role-session-name", "nightly", "--duration-seconds", "7200").json().get("Credentials");
            sessionKey = creds.get("AccessKeyId").asText();
            sessionSecret = creds.get("SecretAccessKey").asText();
            sessionToken = creds.get("SessionToken").asText();
            AwsCli reader = root.as(sessionKey, sessionSecret, sessionToken);
            reader.ok("s3api", "get-object", "--bucket", "home", "--key", "alice/locked.txt", tmp.resolve("out1").toString());
            deniedByPolicy(reader, "s3api", "put-object", "--bucket", "home", "--key", "alice/x", "--body", file.toString());
            // A token altered by one character is not a token.
            String tampered = sessionToken.substring(0, sessionToken.length() - 2)
                    + (sessionToken.charAt(sessionToken.length() - 2) == 'A' ? 'B' : 'A') + sessionToken.charAt(sessionToken.length() - 1);
            root.as(sessionKey, sessionSecret, tampered).fails("InvalidToken", "The provided token is malformed or otherwise invalid.",
                    "s3api", "list-buckets");
            amberd.terminate();
        }
        // AssumeRole changes no state; it is recorded on the audit log instead.
        assertTrue(Files.readString(tmp.resolve("amberd-1.log")).contains(
                "sts:AssumeRole arn:aws:iam::000000000000:role/reader as nightly by arn:aws:iam::000000000000:user/bob"));

        // Everything above is journal events: after a restart the same keys, policies and sessions work.
        try (Amberd amberd = Amberd.start(data, tmp.resolve("amberd-2.log"))) {
            AwsCli root = new AwsCli(amberd, tmp);
            AwsCli alice = root.as(aliceKey, aliceSecret, null);
            alice.ok("s3api", "get-object", "--bucket", "home", "--key", "alice/locked.txt", tmp.resolve("out2").toString());
            deniedByPolicy(alice, "s3api", "put-object", "--bucket", "home", "--key", "bob/notes.txt", "--body", file.toString());
            AwsCli reader = root.as(sessionKey, sessionSecret, sessionToken);
            reader.ok("s3api", "get-object", "--bucket", "home", "--key", "alice/locked.txt", tmp.resolve("out3").toString());
            assertEquals(2, root.ok("iam", "list-users").json().get("Users").size());
            // Deleting the role ends its sessions.
            root.ok("iam", "delete-role-policy", "--role-name", "reader", "--policy-name", "read");
            root.ok("iam", "delete-role", "--role-name", "reader");
            reader.fails("InvalidToken", "malformed or otherwise invalid", "s3api", "list-buckets");
            // A user is deleted once its keys and policies are gone.
            for (JsonNode k : root.ok("iam", "list-access-keys", "--user-name", "bob").json().get("AccessKeyMetadata")) {
                root.ok("iam", "delete-access-key", "--user-name", "bob", "--access-key-id", k.get("AccessKeyId").asText());
            }
            root.ok("iam", "delete-user-policy", "--user-name", "bob", "--policy-name", "assume");
            root.ok("iam", "delete-user", "--user-name", "bob");
            assertEquals(1, root.ok("iam", "list-users").json().get("Users").size());
            amberd.terminate();
        }
    }

    /** The request keys of issue 5 on real requests: each condition allows or denies as the request says. */
    @Test
    void requestConditionKeys() throws Exception {
        Path file = Files.writeString(tmp.resolve("k.txt"), "keys\n");
        try (Amberd amberd = Amberd.start(tmp.resolve("data"), tmp.resolve("amberd.log"))) {
            AwsCli root = new AwsCli(amberd, tmp);
            root.ok("s3api", "create-bucket", "--bucket", "keys");
            root.ok("s3api", "put-bucket-versioning", "--bucket", "keys", "--versioning-configuration", "Status=Enabled");
            String v1 = root.ok("s3api", "put-object", "--bucket", "keys", "--key", "k", "--body", file.toString()).json()
                    .get("VersionId").asText();
            String v2 = root.ok("s3api", "put-object", "--bucket", "keys", "--key", "k", "--body", file.toString()).json()
                    .get("VersionId").asText();
            AwsCli carol = iamUser(root, "carol", userPolicy("""
                    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::keys",
                     "Condition": {"NumericLessThanEquals": {"s3:max-keys": "10"}, "StringEqualsIfExists": {"s3:delimiter": "/"}}},
                    {"Effect": "Allow", "Action": "s3:GetObjectVersion", "Resource": "arn:aws:s3:::keys/*",
                     "Condition": {"StringEquals": {"s3:VersionId": "%s"}}},
                    {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::keys/*",
                     "Condition": {"StringEquals": {"s3:x-amz-storage-class": "STANDARD"},
                                   "DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"},
                                   "NumericGreaterThan": {"aws:EpochTime": "1577836800"}}}""".formatted(v1)));
            carol.ok("s3api", "list-objects-v2", "--bucket", "keys", "--no-paginate", "--max-keys", "5");
            carol.ok("s3api", "list-objects-v2", "--bucket", "keys", "--no-paginate", "--max-keys", "5", "--delimiter", "/");
            deniedByPolicy(carol, "s3api", "list-objects-v2", "--bucket", "keys", "--no-paginate", "--max-keys", "50");
            deniedByPolicy(carol, "s3api", "list-objects-v2", "--bucket", "keys", "--no-paginate", "--max-keys", "5", "--delimiter", "|");
            carol.ok("s3api", "get-object", "--bucket", "keys", "--key", "k", "--version-id", v1, tmp.resolve("o1").toString());
            deniedByPolicy(carol, "s3api", "get-object", "--bucket", "keys", "--key", "k", "--version-id", v2, tmp.resolve("o2").toString());
            carol.ok("s3api", "put-object", "--bucket", "keys", "--key", "c", "--body", file.toString(), "--storage-class", "STANDARD");
            deniedByPolicy(carol, "s3api", "put-object", "--bucket", "keys", "--key", "c", "--body", file.toString());
            // Plain HTTP: aws:SecureTransport is false.
            root.ok("iam", "put-user-policy", "--user-name", "carol", "--policy-name", "tls-only", "--policy-document", userPolicy("""
                    {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}"""));
            deniedByPolicy(carol, "s3api", "get-object", "--bucket", "keys", "--key", "k", "--version-id", v1, tmp.resolve("o3").toString());
            // A time window that has passed allows nothing.
            root.ok("iam", "put-user-policy", "--user-name", "carol", "--policy-name", "tls-only", "--policy-document", userPolicy("""
                    {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2020-01-01"}}}"""));
            deniedByPolicy(carol, "s3api", "get-object", "--bucket", "keys", "--key", "k", "--version-id", v1, tmp.resolve("o4").toString());
            root.ok("iam", "delete-user-policy", "--user-name", "carol", "--policy-name", "tls-only");
            carol.ok("s3api", "get-object", "--bucket", "keys", "--key", "k", "--version-id", v1, tmp.resolve("o5").toString());
            amberd.terminate();
        }
    }
}
