package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** CopyObject and DeleteObjects with the AWS SDK v2 against a real daemon. */
class CopyAndMultiDeleteTest {
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static Daemon daemon;
    static S3Client s3;
    static RootCredentials root;

    @BeforeAll
    static void start() throws Exception {
        daemon = amber.daemon();
        root = amber.root();
        s3 = amber.client();
        s3.createBucket(b -> b.bucket("src"));
        s3.createBucket(b -> b.bucket("dst"));
        s3.putBucketVersioning(b -> b.bucket("dst").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }


    @Test
    void copyKeepsBytesAndMetadataOrReplacesThem() {
        byte[] data = TestDaemons.randomBytes(3 * 1024 * 1024 + 1, 21);
        String etag = s3.putObject(b -> b.bucket("src").key("a b/ü").contentType("text/x-src").metadata(Map.of("k", "v")),
                RequestBody.fromBytes(data)).eTag();
        CopyObjectResponse copied = s3.copyObject(b -> b.sourceBucket("src").sourceKey("a b/ü").destinationBucket("dst").destinationKey("copy"));
        assertEquals(etag, copied.copyObjectResult().eTag());
        assertNotNull(copied.versionId(), "the destination is versioned");
        assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("dst").key("copy")).asByteArray());
        var head = s3.headObject(b -> b.bucket("dst").key("copy"));
        assertEquals("text/x-src", head.contentType());
        assertEquals(Map.of("k", "v"), head.metadata());

        s3.copyObject(b -> b.sourceBucket("src").sourceKey("a b/ü").destinationBucket("src").destinationKey("a b/ü")
                .metadataDirective(MetadataDirective.REPLACE).contentType("text/x-new").metadata(Map.of("n", "1")));
        var replaced = s3.headObject(b -> b.bucket("src").key("a b/ü"));
        assertEquals("text/x-new", replaced.contentType());
        assertEquals(Map.of("n", "1"), replaced.metadata());
    }

    @Test
    void copyOfAnOlderVersionAndItsErrors() {
        String v1 = s3.putObject(b -> b.bucket("dst").key("hist"), RequestBody.fromString("one")).versionId();
        s3.putObject(b -> b.bucket("dst").key("hist"), RequestBody.fromString("two"));
        CopyObjectResponse r = s3.copyObject(b -> b.sourceBucket("dst").sourceKey("hist").sourceVersionId(v1)
                .destinationBucket("src").destinationKey("restored"));
        assertEquals(v1, r.copySourceVersionId());
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket("src").key("restored")).asUtf8String());

        S3Exception self = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("src").sourceKey("restored")
                .destinationBucket("src").destinationKey("restored")));
        assertEquals(400, self.statusCode());
        assertEquals("InvalidRequest", self.awsErrorDetails().errorCode());
        S3Exception missing = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("src").sourceKey("nope")
                .destinationBucket("dst").destinationKey("x")));
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
        S3Exception pre = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("src").sourceKey("restored")
                .copySourceIfMatch("\"0123456789abcdef0123456789abcdef\"").destinationBucket("dst").destinationKey("x")));
        assertEquals(412, pre.statusCode());
        S3Exception since = assertThrows(S3Exception.class, () -> s3.copyObject(b -> b.sourceBucket("src").sourceKey("restored")
                .copySourceIfModifiedSince(Instant.now().plusSeconds(3600)).destinationBucket("dst").destinationKey("x")));
        assertEquals("PreconditionFailed", since.awsErrorDetails().errorCode());
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("dst").key("x")), "failed copies store nothing");
    }

    @Test
    void deleteObjectsNeedsAndVerifiesAnIntegrityHeader() throws Exception {
        s3.putObject(b -> b.bucket("src").key("keep-me"), RequestBody.fromString("x"));
        RawS3 raw = new RawS3(daemon.s3Port(), root);
        byte[] body = "<Delete><Object><Key>keep-me</Key></Object></Delete>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RawS3.Reply none = raw.call("POST", "/src", "delete", body, Map.of());
        assertEquals(400, none.status(), none.body());
        assertTrue(none.body().contains("Content-MD5 OR x-amz-checksum-*"), none.body());
        RawS3.Reply badMd5 = raw.call("POST", "/src", "delete", body, Map.of("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="));
        assertTrue(badMd5.body().contains("<Code>BadDigest</Code>"), badMd5.body());
        RawS3.Reply badCrc = raw.call("POST", "/src", "delete", body, Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        assertTrue(badCrc.body().contains("<Code>BadDigest</Code>"), badCrc.body());
        assertEquals("x", s3.getObjectAsBytes(b -> b.bucket("src").key("keep-me")).asUtf8String(), "nothing was deleted");
        String md5 = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(body));
        RawS3.Reply ok = raw.call("POST", "/src", "delete", body, Map.of("Content-MD5", md5));
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.body().contains("<Deleted><Key>keep-me</Key></Deleted>"), ok.body());
    }

    @Test
    void deleteObjectsReportsEachKey() {
        s3.createBucket(b -> b.bucket("multi"));
        s3.putBucketVersioning(b -> b.bucket("multi").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            s3.putObject(b -> b.bucket("multi").key(key), RequestBody.fromString(key));
            ids.add(ObjectIdentifier.builder().key(key).build());
        }
        String v = s3.putObject(b -> b.bucket("multi").key("versioned"), RequestBody.fromString("x")).versionId();
        DeleteObjectsResponse r = s3.deleteObjects(b -> b.bucket("multi").delete(d -> d.objects(ids)));
        assertEquals(1000, r.deleted().size());
        assertTrue(r.deleted().stream().allMatch(d -> d.deleteMarker() && d.deleteMarkerVersionId() != null));
        assertTrue(s3.listObjectsV2(b -> b.bucket("multi").prefix("k")).contents().isEmpty());

        DeleteObjectsResponse exact = s3.deleteObjects(b -> b.bucket("multi").delete(d -> d.objects(
                ObjectIdentifier.builder().key("versioned").versionId(v).build(),
                ObjectIdentifier.builder().key("versioned").versionId("not-a-version").build())));
        assertEquals(List.of(v), exact.deleted().stream().map(d -> d.versionId()).collect(Collectors.toList()));
        assertEquals(1, exact.errors().size());
        assertEquals("InvalidArgument", exact.errors().get(0).code());
        assertTrue(s3.listObjectVersions(b -> b.bucket("multi").prefix("versioned")).versions().isEmpty());

        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket("multi").delete(d -> d.quiet(true)
                .objects(ObjectIdentifier.builder().key("k1").build())));
        assertTrue(quiet.deleted().isEmpty() && quiet.errors().isEmpty(), "quiet mode reports only errors");

        List<ObjectIdentifier> tooMany = new ArrayList<>(ids);
        tooMany.add(ObjectIdentifier.builder().key("one-more").build());
        S3Exception e = assertThrows(S3Exception.class, () -> s3.deleteObjects(b -> b.bucket("multi").delete(d -> d.objects(tooMany))));
        assertEquals("MalformedXML", e.awsErrorDetails().errorCode());
    }
}
