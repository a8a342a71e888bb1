package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The durable S3 core driven by the AWS SDK for Java v2 against a real daemon on loopback. */
class S3CoreSdkTest {
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static Daemon daemon;
    static RootCredentials root;
    static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        daemon = amber.daemon();
        root = amber.root();
        s3 = amber.client();
    }



    @Test
    void putGetIsByteIdenticalAndEtagIsMd5() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-basic"));
        byte[] data = TestDaemons.randomBytes(3 * 1024 * 1024 + 17, 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket("sdk-basic").key("dir/file one+two%.bin"), RequestBody.fromBytes(data));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertEquals("\"" + md5 + "\"", put.eTag());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("sdk-basic").key("dir/file one+two%.bin"));
        assertArrayEquals(data, got.asByteArray());
        assertEquals(put.eTag(), got.response().eTag());
        assertNull(got.response().versionId(), "unversioned buckets report no version id");
    }

    @Test
    void headObjectAndMetadataRoundTrip() {
        s3.createBucket(b -> b.bucket("sdk-head"));
        byte[] data = TestDaemons.randomBytes(12345, 4);
        s3.putObject(b -> b.bucket("sdk-head").key("m").contentType("application/x-amber").contentDisposition("attachment")
                .metadata(java.util.Map.of("color", "amber", "Mixed-Case", "Value")), RequestBody.fromBytes(data));
        var head = s3.headObject(b -> b.bucket("sdk-head").key("m"));
        assertEquals(12345L, head.contentLength());
        assertEquals("application/x-amber", head.contentType());
        assertEquals("attachment", head.contentDisposition());
        assertEquals(java.util.Map.of("color", "amber", "mixed-case", "Value"), head.metadata());
        assertTrue(head.lastModified() != null && head.eTag().startsWith("\""));
    }

    @Test
    void awkwardKeysRoundTrip() {
        s3.createBucket(b -> b.bucket("sdk-keys"));
        List<String> keys = List.of("a+b", "100%", "sp ace", "ü/日本/😀", "?query#frag", "dots/../..", "//double", "trailing/",
                "tab\tand\\backslash", "x".repeat(1024), "é".repeat(512));
        for (String k : keys) {
            try {
                s3.putObject(b -> b.bucket("sdk-keys").key(k), RequestBody.fromString("v:" + k));
            } catch (S3Exception e) {
                throw new AssertionError("PUT of key [" + k + "] failed: " + e.getMessage(), e);
            }
            assertEquals("v:" + k, s3.getObjectAsBytes(b -> b.bucket("sdk-keys").key(k)).asUtf8String(), k);
        }
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket("sdk-keys")).contents().stream().map(S3Object::key)
                .collect(Collectors.toList());
        List<String> sorted = new java.util.ArrayList<>(keys);
        sorted.sort(org.amber.lockd.KeyOrder.UTF8);
        assertEquals(sorted, listed, "listed once each, in UTF-8 byte order");
        S3Exception tooLong = assertThrows(S3Exception.class,
                () -> s3.putObject(b -> b.bucket("sdk-keys").key("y".repeat(1025)), RequestBody.fromString("x")));
        assertEquals("KeyTooLongError", tooLong.awsErrorDetails().errorCode());
    }

    @Test
    void storedHeadersRoundTripAndResponseOverrides() {
        s3.createBucket(b -> b.bucket("sdk-hdrs"));
        java.time.Instant expires = java.time.Instant.parse("2031-01-02T03:04:05Z");
        s3.putObject(b -> b.bucket("sdk-hdrs").key("h").contentType("text/csv").contentEncoding("gzip")
                .contentDisposition("attachment; filename=\"r.csv\"").cacheControl("max-age=3600")
                .contentLanguage("de-CH").expires(expires), RequestBody.fromString("a,b"));
        var got = s3.getObjectAsBytes(b -> b.bucket("sdk-hdrs").key("h")).response();
        assertEquals("text/csv", got.contentType());
        assertEquals("gzip", got.contentEncoding());
        assertEquals("attachment; filename=\"r.csv\"", got.contentDisposition());
        assertEquals("max-age=3600", got.cacheControl());
        assertEquals("de-CH", got.contentLanguage());
        assertEquals(expires, got.expires());
        var overridden = s3.getObjectAsBytes(b -> b.bucket("sdk-hdrs").key("h").responseContentType("application/x-other")
                .responseCacheControl("no-store").responseContentDisposition("inline")).response();
        assertEquals("application/x-other", overridden.contentType());
        assertEquals("no-store", overridden.cacheControl());
        assertEquals("inline", overridden.contentDisposition());
        assertEquals("gzip", overridden.contentEncoding(), "headers not overridden stay as stored");
    }

    @Test
    void conditionalGets() {
        s3.createBucket(b -> b.bucket("sdk-cond"));
        String etag = s3.putObject(b -> b.bucket("sdk-cond").key("k"), RequestBody.fromString("body")).eTag();
        assertEquals("body", s3.getObjectAsBytes(b -> b.bucket("sdk-cond").key("k").ifMatch(etag)).asUtf8String());
        S3Exception notModified = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-cond").key("k").ifNoneMatch(etag)));
        assertEquals(304, notModified.statusCode());
        S3Exception failed = assertThrows(S3Exception.class,
                () -> s3.headObject(b -> b.bucket("sdk-cond").key("k").ifMatch("\"ffffffffffffffffffffffffffffffff\"")));
        assertEquals(412, failed.statusCode());
        S3Exception stale = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("sdk-cond").key("k")
                .ifModifiedSince(java.time.Instant.now().plusSeconds(60))));
        assertEquals(304, stale.statusCode());
    }

    @Test
    void rangesAreServed() {
        s3.createBucket(b -> b.bucket("sdk-range"));
        byte[] data = TestDaemons.randomBytes(2 * 1024 * 1024 + 5, 2);
        s3.putObject(b -> b.bucket("sdk-range").key("k"), RequestBody.fromBytes(data));
        ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").range("bytes=1048570-1048585"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1048570, 1048586), mid.asByteArray());
        assertEquals("bytes 1048570-1048585/" + data.length, mid.response().contentRange());
        ResponseBytes<GetObjectResponse> tail = s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").range("bytes=-10"));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 10, data.length), tail.asByteArray());
        S3Exception e = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("k").range("bytes=" + data.length + "-")));
        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    }

    @Test
    void versionsDeleteMarkersAndVersionedDelete() {
        String bucket = "sdk-versions";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket(bucket)).status());
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        assertNotEquals(v1, v2);
        ListObjectVersionsResponse lv = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(v2, v1), lv.versions().stream().map(v -> v.versionId()).collect(Collectors.toList()));
        assertTrue(lv.versions().get(0).isLatest());
        assertFalse(lv.versions().get(1).isLatest());

        DeleteObjectResponse marker = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertTrue(marker.deleteMarker());
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        assertEquals("one", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k").versionId(v1)).asUtf8String());
        lv = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(1, lv.deleteMarkers().size());
        assertEquals(marker.versionId(), lv.deleteMarkers().get(0).versionId());
        assertTrue(lv.deleteMarkers().get(0).isLatest());
        assertEquals(2, lv.versions().size());
        assertTrue(s3.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty(), "a delete marker hides the key");

        DeleteObjectResponse gone = s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(v1));
        assertEquals(v1, gone.versionId());
        lv = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(v2), lv.versions().stream().map(v -> v.versionId()).collect(Collectors.toList()));
        assertEquals(1, lv.deleteMarkers().size());

        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(marker.versionId()));
        assertEquals("two", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String(), "removing the marker restores v2");
    }

    @Test
    void listObjectsV2PagesWithDelimiter() {
        String bucket = "sdk-list";
        s3.createBucket(b -> b.bucket(bucket));
        for (String k : List.of("a/1", "a/2", "b", "c/x/1", "c/y", "d")) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        ListObjectsV2Response top = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("b", "d"), top.contents().stream().map(S3Object::key).collect(Collectors.toList()));
        assertEquals(List.of("a/", "c/"), top.commonPrefixes().stream().map(p -> p.prefix()).collect(Collectors.toList()));
        List<String> all = s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(2)).contents().stream()
                .map(S3Object::key).collect(Collectors.toList());
        assertEquals(List.of("a/1", "a/2", "b", "c/x/1", "c/y", "d"), all);
        List<String> paged = s3.listObjectsV2Paginator(b -> b.bucket(bucket).delimiter("/").maxKeys(1)).stream()
                .flatMap(p -> java.util.stream.Stream.concat(p.contents().stream().map(S3Object::key),
                        p.commonPrefixes().stream().map(c -> c.prefix())))
                .collect(Collectors.toList());
        assertEquals(List.of("a/", "b", "c/", "d"), paged);
    }

    @Test
    void bucketLifecycleAndErrors() {
        s3.createBucket(b -> b.bucket("sdk-life"));
        s3.headBucket(b -> b.bucket("sdk-life"));
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("sdk-life")));
        S3Exception owned = assertThrows(S3Exception.class, () -> s3.createBucket(b -> b.bucket("sdk-life")));
        assertEquals("BucketAlreadyOwnedByYou", owned.awsErrorDetails().errorCode());
        s3.putObject(b -> b.bucket("sdk-life").key("x"), RequestBody.fromString("x"));
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("sdk-life")));
        assertEquals(409, notEmpty.statusCode());
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
        s3.deleteObject(b -> b.bucket("sdk-life").key("x"));
        s3.deleteBucket(b -> b.bucket("sdk-life"));
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("sdk-life")));
        NoSuchBucketException nsb = assertThrows(NoSuchBucketException.class,
                () -> s3.putObject(b -> b.bucket("sdk-life").key("x"), RequestBody.fromString("x")));
        assertEquals(404, nsb.statusCode());
        s3.createBucket(b -> b.bucket("sdk-loc"));
        assertEquals("", s3.getBucketLocation(b -> b.bucket("sdk-loc")).locationConstraintAsString(),
                "us-east-1 is reported as an empty LocationConstraint");
    }
}
