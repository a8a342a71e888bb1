package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object Lock end to end with the AWS SDK v2, as root (who may bypass governance): each applicable row of
 * OBJECT-LOCK-SPEC.md §7.2 (E1–E29) is asserted with its status, code and message. Retention dates are
 * relative to the compliance clock, which here follows the system clock.
 */
class ObjectLockTest {
    static final String LOCKED = "Access Denied because object protected by object lock.";

    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static S3Client s3;
    static RawS3 raw;

    @BeforeAll
    static void start() {
        s3 = amber.client();
        raw = amber.raw();
        s3.createBucket(b -> b.bucket("lock").objectLockEnabledForBucket(true));
        s3.createBucket(b -> b.bucket("plain"));
    }

    static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MILLIS);
    }

    static S3Exception fails(int status, String code, String message, Executable call) {
        S3Exception e = assertThrows(S3Exception.class, call);
        assertEquals(status, e.statusCode(), () -> e.awsErrorDetails().toString());
        assertEquals(code, e.awsErrorDetails().errorCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }

    static String put(String bucket, String key, String body, ObjectLockMode mode, Instant until, ObjectLockLegalHoldStatus hold) {
        return s3.putObject(b -> b.bucket(bucket).key(key).objectLockMode(mode).objectLockRetainUntilDate(until)
                .objectLockLegalHoldStatus(hold).checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString(body)).versionId();
    }

    @Test
    void bucketConfiguration() throws Exception {
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("lock")).status(), "§2.1");
        var bare = s3.getObjectLockConfiguration(b -> b.bucket("lock")).objectLockConfiguration();
        assertEquals(ObjectLockEnabled.ENABLED, bare.objectLockEnabled());
        assertNull(bare.rule(), "no default rule until one is put");

        s3.createBucket(b -> b.bucket("lock-config"));
        fails(404, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket",
                () -> s3.getObjectLockConfiguration(b -> b.bucket("lock-config"))); // E8
        fails(409, "InvalidBucketState", "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
                () -> putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, 1, null)); // E9
        s3.putBucketVersioning(b -> b.bucket("lock-config").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, 1, null); // enabling on an existing versioned bucket (§2.2.1)
        var rule = s3.getObjectLockConfiguration(b -> b.bucket("lock-config")).objectLockConfiguration().rule().defaultRetention();
        assertEquals(1, rule.days());
        assertNull(rule.years(), "exactly one of Days and Years");
        putRule("lock-config", ObjectLockRetentionMode.COMPLIANCE, null, 2);
        rule = s3.getObjectLockConfiguration(b -> b.bucket("lock-config")).objectLockConfiguration().rule().defaultRetention();
        assertEquals(ObjectLockRetentionMode.COMPLIANCE, rule.mode());
        assertEquals(2, rule.years());
        assertNull(rule.days());
        fails(409, "InvalidBucketState", "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.",
                () -> s3.putBucketVersioning(b -> b.bucket("lock-config").versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)))); // E10
        s3.putBucketVersioning(b -> b.bucket("lock-config").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));

        // E11: schema errors; E12, E13: periods.
        for (String bad : List.of("<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>",
                "<ObjectLockConfiguration/>",
                "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule/></ObjectLockConfiguration>",
                rule("governance", "<Days>1</Days>"), rule("GOVERNANCE", "<Days>1</Days><Years>1</Years>"), rule("GOVERNANCE", ""),
                "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Days>1</Days>"
                        + "</DefaultRetention></Rule></ObjectLockConfiguration>", "not xml")) {
            RawS3.Reply r = raw.call("PUT", "/lock-config", "object-lock", bad.getBytes(), Map.of("Content-MD5", md5(bad.getBytes())));
            assertEquals(400, r.status(), bad);
            assertTrue(r.body().contains("<Code>MalformedXML</Code>"), bad + " -> " + r.body());
        }
        fails(400, "InvalidArgument", "Default retention period must be a positive integer value.",
                () -> putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, 0, null));
        fails(400, "InvalidArgument", "Default retention period must be a positive integer value.",
                () -> putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, null, -1));
        fails(400, "InvalidArgument", "Default retention period too large.",
                () -> putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, 36_501, null));
        fails(400, "InvalidArgument", "Default retention period too large.",
                () -> putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, null, 101));
        putRule("lock-config", ObjectLockRetentionMode.GOVERNANCE, 36_500, null);
        String noRule = "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>";
        assertEquals(200, raw.call("PUT", "/lock-config", "object-lock", noRule.getBytes(), Map.of("Content-MD5", md5(noRule.getBytes()))).status());
        assertNull(s3.getObjectLockConfiguration(b -> b.bucket("lock-config")).objectLockConfiguration().rule(), "§2.2.3: the rule is removed");
        RawS3.Reply noChecksum = raw.call("PUT", "/lock-config", "object-lock", noRule.getBytes(), Map.of());
        assertEquals(400, noChecksum.status()); // E23
        assertTrue(noChecksum.body().contains("Missing required header for this request: Content-MD5 OR x-amz-checksum-*"), noChecksum.body());
    }

    static String md5(byte[] b) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rule(String mode, String period) {
        return "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>" + mode
                + "</Mode>" + period + "</DefaultRetention></Rule></ObjectLockConfiguration>";
    }

    static void putRule(String bucket, ObjectLockRetentionMode mode, Integer days, Integer years) {
        s3.putObjectLockConfiguration(b -> b.bucket(bucket).objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(mode).days(days).years(years)))));
    }

    @Test
    void writesCarryTheirLockAndReadsShowIt() throws Exception {
        Instant until = inDays(3);
        String v = put("lock", "w/explicit", "one", ObjectLockMode.GOVERNANCE, until, ObjectLockLegalHoldStatus.ON);
        HeadObjectResponse head = s3.headObject(b -> b.bucket("lock").key("w/explicit"));
        assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode());
        assertEquals(until, head.objectLockRetainUntilDate());
        assertEquals(ObjectLockLegalHoldStatus.ON, head.objectLockLegalHoldStatus());
        assertEquals(v, head.versionId());
        assertEquals(until, s3.getObjectRetention(b -> b.bucket("lock").key("w/explicit").versionId(v)).retention().retainUntilDate());
        assertEquals(ObjectLockLegalHoldStatus.ON, s3.getObjectLegalHold(b -> b.bucket("lock").key("w/explicit")).legalHold().status());

        // The bucket default applies from the version's creation time; a legal-hold header does not suppress it (§3.4).
        s3.createBucket(b -> b.bucket("lock-default").objectLockEnabledForBucket(true));
        putRule("lock-default", ObjectLockRetentionMode.COMPLIANCE, 10, null);
        put("lock-default", "d", "x", null, null, ObjectLockLegalHoldStatus.OFF);
        HeadObjectResponse d = s3.headObject(b -> b.bucket("lock-default").key("d"));
        assertEquals(ObjectLockMode.COMPLIANCE, d.objectLockMode());
        assertEquals(d.lastModified().plus(Duration.ofDays(10)).getEpochSecond(), d.objectLockRetainUntilDate().getEpochSecond());
        assertEquals(ObjectLockLegalHoldStatus.OFF, d.objectLockLegalHoldStatus());
        // E21: lock parameters, here the bucket's default, need an integrity header.
        RawS3.Reply bare = raw.call("PUT", "/lock-default/no-md5", null, "abc".getBytes(), Map.of());
        assertEquals(400, bare.status());
        assertTrue(bare.body().contains("Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"), bare.body());
        assertEquals(200, raw.call("PUT", "/lock-default/with-md5", null, "abc".getBytes(), Map.of("Content-MD5", md5("abc".getBytes()))).status());
        assertEquals(200, raw.call("PUT", "/lock/plain-put", null, "abc".getBytes(), Map.of()).status(),
                "a lock bucket without a default rule takes a plain PUT without an integrity header");

        // CopyObject does not inherit the source's lock (§3.5); its own headers apply.
        s3.copyObject(b -> b.sourceBucket("lock").sourceKey("w/explicit").destinationBucket("lock").destinationKey("w/copy"));
        HeadObjectResponse copy = s3.headObject(b -> b.bucket("lock").key("w/copy"));
        assertNull(copy.objectLockMode());
        assertNull(copy.objectLockLegalHoldStatus());
        s3.copyObject(b -> b.sourceBucket("lock").sourceKey("w/explicit").destinationBucket("lock").destinationKey("w/copy2")
                .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until));
        assertEquals(ObjectLockMode.COMPLIANCE, s3.headObject(b -> b.bucket("lock").key("w/copy2")).objectLockMode());

        // Multipart: the headers on CreateMultipartUpload apply to the completed version.
        String id = s3.createMultipartUpload(b -> b.bucket("lock").key("w/mpu").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)
                .objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until)).uploadId();
        fails(400, "InvalidRequest", "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Part requests with Object Lock parameters",
                () -> s3.uploadPart(b -> b.bucket("lock").key("w/mpu").uploadId(id).partNumber(1), RequestBody.fromString("part"))); // E22
        String etag = s3.uploadPart(b -> b.bucket("lock").key("w/mpu").uploadId(id).partNumber(1).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket("lock").key("w/mpu").uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        HeadObjectResponse mpu = s3.headObject(b -> b.bucket("lock").key("w/mpu"));
        assertEquals(ObjectLockLegalHoldStatus.ON, mpu.objectLockLegalHoldStatus());
        assertEquals(until, mpu.objectLockRetainUntilDate());
        assertArrayEquals("part".getBytes(), s3.getObjectAsBytes(b -> b.bucket("lock").key("w/mpu")).asByteArray());
    }

    @Test
    void lockHeadersAreValidatedInS3sOrder() throws Exception {
        Map<String, String> md5 = Map.of("Content-MD5", md5("x".getBytes()));
        record Case(Map<String, String> headers, int status, String code, String message) {
        }
        String future = inDays(1).toString();
        List<Case> cases = List.of(
                new Case(Map.of("x-amz-object-lock-mode", "GOVERNANCE"), 400, "InvalidArgument",
                        "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"), // E17
                new Case(Map.of("x-amz-object-lock-retain-until-date", future), 400, "InvalidArgument",
                        "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"),
                new Case(Map.of("x-amz-object-lock-mode", "governance", "x-amz-object-lock-retain-until-date", future), 400,
                        "InvalidArgument", "Unknown wormMode directive."), // E18
                new Case(Map.of("x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", "tomorrow"), 400,
                        "InvalidArgument", "The retain until date must be provided in ISO 8601 format"), // E19
                new Case(Map.of("x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", "2020-01-01T00:00:00Z"),
                        400, "InvalidArgument", "The retain until date must be in the future!"),
                new Case(Map.of("x-amz-object-lock-legal-hold", "on"), 400, "InvalidArgument", "Legal Hold must be either of 'ON' or 'OFF'")); // E20
        for (Case c : cases) {
            java.util.Map<String, String> h = new java.util.HashMap<>(c.headers());
            h.putAll(md5);
            RawS3.Reply r = raw.call("PUT", "/lock/hdr", null, "x".getBytes(), h);
            assertEquals(c.status(), r.status(), c.toString());
            assertTrue(r.body().contains("<Code>" + c.code() + "</Code>") && r.body().contains("<Message>" + c.message() + "</Message>"),
                    c + " -> " + r.body());
        }
        RawS3.Reply plain = raw.call("PUT", "/plain/hdr", null, "x".getBytes(), Map.of("x-amz-object-lock-legal-hold", "ON"));
        assertEquals(400, plain.status()); // E6, before the integrity check
        assertTrue(plain.body().contains("<Message>Bucket is missing ObjectLockConfiguration</Message>"), plain.body());
        fails(404, "NoSuchKey", null, () -> s3.headObject(b -> b.bucket("lock").key("hdr")));
    }

    @Test
    void deletingLockedVersionsIsRefusedUnlessGovernanceIsBypassed() throws Exception {
        String gov = put("lock", "del/gov", "g", ObjectLockMode.GOVERNANCE, inDays(1), null);
        String comp = put("lock", "del/comp", "c", ObjectLockMode.COMPLIANCE, inDays(1), null);
        String held = put("lock", "del/held", "h", null, null, ObjectLockLegalHoldStatus.ON);
        for (String[] kv : new String[][] {{"del/gov", gov}, {"del/comp", comp}, {"del/held", held}}) {
            fails(403, "AccessDenied", LOCKED, () -> s3.deleteObject(b -> b.bucket("lock").key(kv[0]).versionId(kv[1]))); // E1
        }
        fails(403, "AccessDenied", LOCKED, () -> s3.deleteObject(b -> b.bucket("lock").key("del/comp").versionId(comp).bypassGovernanceRetention(true)));
        fails(403, "AccessDenied", LOCKED, () -> s3.deleteObject(b -> b.bucket("lock").key("del/held").versionId(held).bypassGovernanceRetention(true)));
        var marker = s3.deleteObject(b -> b.bucket("lock").key("del/comp"));
        assertTrue(marker.deleteMarker(), "§5.2: a delete marker is always allowed");
        s3.deleteObject(b -> b.bucket("lock").key("del/comp").versionId(marker.versionId()));
        s3.deleteObject(b -> b.bucket("lock").key("del/gov").versionId(gov).bypassGovernanceRetention(true));
        assertEquals(0, s3.listObjectVersions(b -> b.bucket("lock").prefix("del/gov")).versions().size(), "root bypassed governance");

        // E2: DeleteObjects answers per key and deletes what it may.
        String free = put("lock", "del/free", "f", null, null, null);
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("lock").delete(d -> d.quiet(true).objects(
                ObjectIdentifier.builder().key("del/comp").versionId(comp).build(),
                ObjectIdentifier.builder().key("del/free").versionId(free).build())));
        assertEquals(1, r.errors().size());
        assertEquals("AccessDenied", r.errors().get(0).code());
        assertEquals(LOCKED, r.errors().get(0).message());
        assertEquals(comp, r.errors().get(0).versionId());
        assertTrue(r.deleted().isEmpty(), "quiet");
        assertEquals(0, s3.listObjectVersions(b -> b.bucket("lock").prefix("del/free")).versions().size());

        // Retention that has expired no longer protects; a legal hold turned OFF no longer does either.
        String soon = put("lock", "del/soon", "s", ObjectLockMode.COMPLIANCE, Instant.now().plusMillis(1500), null);
        Thread.sleep(2000);
        s3.deleteObject(b -> b.bucket("lock").key("del/soon").versionId(soon));
        s3.putObjectLegalHold(b -> b.bucket("lock").key("del/held").legalHold(l -> l.status(ObjectLockLegalHoldStatus.OFF)));
        s3.deleteObject(b -> b.bucket("lock").key("del/held").versionId(held));
        fails(409, "BucketNotEmpty", null, () -> s3.deleteBucket(b -> b.bucket("lock"))); // E28

        // E24, decided as D2: the bypass header on a bucket without Object Lock is ignored, not refused.
        s3.putObject(b -> b.bucket("plain").key("bypass"), RequestBody.fromString("b"));
        s3.deleteObject(b -> b.bucket("plain").key("bypass").bypassGovernanceRetention(true));
        s3.deleteObjects(b -> b.bucket("plain").bypassGovernanceRetention(true)
                .delete(d -> d.objects(ObjectIdentifier.builder().key("bypass").build())));
        fails(404, "NoSuchVersion", null, () -> s3.getObjectRetention(b -> b.bucket("lock").key("del/comp")
                .versionId("7vvvvvvvvvvvvvvvvvvvvvvvvv"))); // E26
    }

    @Test
    void retentionChangesFollowTheTransitionTable() throws Exception {
        Instant until = inDays(2);
        String gov = put("lock", "ret/gov", "g", ObjectLockMode.GOVERNANCE, until, null);
        String comp = put("lock", "ret/comp", "c", ObjectLockMode.COMPLIANCE, until, null);
        // Extending is allowed in either mode without a bypass.
        retention("ret/gov", gov, ObjectLockRetentionMode.GOVERNANCE, until.plusSeconds(60), false);
        retention("ret/comp", comp, ObjectLockRetentionMode.COMPLIANCE, until.plusSeconds(60), false);
        // E3: shortening, re-moding or removing COMPLIANCE, even bypassing; GOVERNANCE only bypassing.
        fails(403, "AccessDenied", LOCKED, () -> retention("ret/comp", comp, ObjectLockRetentionMode.COMPLIANCE, until, true));
        fails(403, "AccessDenied", LOCKED, () -> retention("ret/comp", comp, ObjectLockRetentionMode.GOVERNANCE, until.plusSeconds(600), true));
        fails(403, "AccessDenied", LOCKED, () -> removeRetention("ret/comp", comp, true));
        fails(403, "AccessDenied", LOCKED, () -> retention("ret/gov", gov, ObjectLockRetentionMode.GOVERNANCE, until, false));
        fails(403, "AccessDenied", LOCKED, () -> removeRetention("ret/gov", gov, false));
        retention("ret/gov", gov, ObjectLockRetentionMode.GOVERNANCE, until, true);
        assertEquals(until, s3.getObjectRetention(b -> b.bucket("lock").key("ret/gov")).retention().retainUntilDate());
        removeRetention("ret/gov", gov, true);
        fails(404, "NoSuchObjectLockConfiguration", "The specified object does not have a ObjectLock configuration",
                () -> s3.getObjectRetention(b -> b.bucket("lock").key("ret/gov"))); // E7
        assertEquals(until.plusSeconds(60), s3.getObjectRetention(b -> b.bucket("lock").key("ret/comp")).retention().retainUntilDate());

        // E15: a date in the past; E14: bad XML; E5: a bucket without lock; E25: a delete marker; E26, E27.
        S3Exception past = fails(400, "InvalidArgument", "The retain until date must be in the future!",
                () -> retention("ret/comp", comp, ObjectLockRetentionMode.COMPLIANCE, Instant.parse("2019-12-31T16:00:00Z").plusSeconds(8 * 3600), false));
        assertNotNull(past);
        String lower = "<Retention><Mode>compliance</Mode><RetainUntilDate>" + inDays(9) + "</RetainUntilDate></Retention>";
        RawS3.Reply badMode = raw.call("PUT", "/lock/ret/comp", "retention", lower.getBytes(), Map.of("Content-MD5", md5(lower.getBytes())));
        assertTrue(badMode.status() == 400 && badMode.body().contains("<Code>MalformedXML</Code>"), badMode.body());
        String noDate = "<Retention><Mode>COMPLIANCE</Mode></Retention>";
        assertTrue(raw.call("PUT", "/lock/ret/comp", "retention", noDate.getBytes(), Map.of("Content-MD5", md5(noDate.getBytes())))
                .body().contains("<Code>MalformedXML</Code>"));
        s3.putObject(b -> b.bucket("plain").key("p"), RequestBody.fromString("p"));
        fails(400, "InvalidRequest", "Bucket is missing Object Lock Configuration",
                () -> s3.getObjectRetention(b -> b.bucket("plain").key("p")));
        fails(400, "InvalidRequest", "Bucket is missing Object Lock Configuration",
                () -> s3.putObjectLegalHold(b -> b.bucket("plain").key("p").legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON))));
        var marker = s3.deleteObject(b -> b.bucket("lock").key("ret/comp"));
        fails(405, "MethodNotAllowed", null, () -> s3.putObjectLegalHold(b -> b.bucket("lock").key("ret/comp")
                .versionId(marker.versionId()).legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON))));
        fails(405, "MethodNotAllowed", null, () -> s3.putObjectLegalHold(b -> b.bucket("lock").key("ret/comp")
                .legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON))));
        fails(404, "NoSuchKey", null, () -> s3.getObjectLegalHold(b -> b.bucket("lock").key("ret/comp")));
        fails(404, "NoSuchKey", null, () -> s3.getObjectLegalHold(b -> b.bucket("lock").key("ret/never")));
        fails(400, "InvalidArgument", "Invalid version id specified",
                () -> s3.getObjectLegalHold(b -> b.bucket("lock").key("ret/comp").versionId("not-a-version")));
        fails(404, "NoSuchObjectLockConfiguration", null, () -> s3.getObjectLegalHold(b -> b.bucket("lock").key("ret/comp").versionId(comp)));
        String emptyHold = "<LegalHold><Status>MAYBE</Status></LegalHold>";
        assertTrue(raw.call("PUT", "/lock/ret/comp", "legal-hold&versionId=" + comp, emptyHold.getBytes(),
                Map.of("Content-MD5", md5(emptyHold.getBytes()))).body().contains("<Code>MalformedXML</Code>")); // E16
        RawS3.Reply noBody = raw.call("PUT", "/plain/p", "legal-hold", new byte[0], Map.of());
        assertTrue(noBody.body().contains("<Code>MalformedXML</Code>"), "§4.3: no body is MalformedXML even on a plain bucket: " + noBody.body());
    }

    static void retention(String key, String versionId, ObjectLockRetentionMode mode, Instant until, boolean bypass) {
        s3.putObjectRetention(b -> b.bucket("lock").key(key).versionId(versionId).bypassGovernanceRetention(bypass)
                .retention(r -> r.mode(mode).retainUntilDate(until)));
    }

    static void removeRetention(String key, String versionId, boolean bypass) {
        s3.putObjectRetention(b -> b.bucket("lock").key(key).versionId(versionId).bypassGovernanceRetention(bypass)
                .retention(r -> { }));
    }
}
