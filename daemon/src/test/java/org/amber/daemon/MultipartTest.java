package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.amber.s3.body.Crc64Nvme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Multipart upload end to end with the AWS SDK v2: the operations, S3's limits and errors, the ETag
 * and the composite and full-object checksums (recomputed here from the bytes), reads across parts,
 * and uploads that outlive a restart.
 */
class MultipartTest {
    static final int MIB = 1 << 20;
    static final int PART = 5 * MIB;

    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static S3Client s3;

    @BeforeAll
    static void start() {
        s3 = amber.client();
        s3.createBucket(b -> b.bucket("mpu"));
        s3.createBucket(b -> b.bucket("mpv"));
        s3.putBucketVersioning(b -> b.bucket("mpv").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    @Test
    void threePartsMakeOneObjectWithS3sETagAndReadsCrossPartBoundaries() throws Exception {
        byte[][] parts = {TestDaemons.randomBytes(PART, 1), TestDaemons.randomBytes(PART + 3, 2), TestDaemons.randomBytes(1000, 3)};
        byte[] whole = concat(parts);
        String id = s3.createMultipartUpload(b -> b.bucket("mpu").key("big/ü file").contentType("application/x-test")
                .metadata(Map.of("origin", "mpu-test")).tagging("t=1")).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            done.add(upload("mpu", "big/ü file", id, i + 1, parts[i], null));
        }
        assertEquals(md5Hex(parts[0]), unquote(done.get(0).eTag()), "a part's ETag is its MD5");
        var complete = s3.completeMultipartUpload(b -> b.bucket("mpu").key("big/ü file").uploadId(id)
                .multipartUpload(m -> m.parts(done)));
        assertEquals("\"" + multipartEtag(parts) + "\"", complete.eTag());
        assertNull(complete.versionId(), "unversioned bucket");

        assertArrayEquals(whole, s3.getObjectAsBytes(b -> b.bucket("mpu").key("big/ü file")).asByteArray());
        var head = s3.headObject(b -> b.bucket("mpu").key("big/ü file"));
        assertEquals(whole.length, head.contentLength());
        assertEquals("application/x-test", head.contentType());
        assertEquals(Map.of("origin", "mpu-test"), head.metadata());
        assertEquals(complete.eTag(), head.eTag());
        assertEquals("1", s3.getObjectTagging(b -> b.bucket("mpu").key("big/ü file")).tagSet().get(0).value());

        int from = PART - 10;
        int to = 2 * PART + 3 + 5;
        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("mpu").key("big/ü file")
                .range("bytes=" + from + "-" + to));
        assertArrayEquals(Arrays.copyOfRange(whole, from, to + 1), range.asByteArray(), "a range over all three parts");
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 1500, whole.length), s3.getObjectAsBytes(b -> b.bucket("mpu")
                .key("big/ü file").range("bytes=-1500")).asByteArray(), "a suffix range over the last two parts");

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket("mpu").key("big/ü file").partNumber(2));
        assertArrayEquals(parts[1], second.asByteArray());
        assertEquals(3, second.response().partsCount());
        assertEquals("bytes " + PART + "-" + (2 * PART + 2) + "/" + whole.length, second.response().contentRange());
        assertEquals(3, s3.headObject(b -> b.bucket("mpu").key("big/ü file").partNumber(3)).partsCount());
        S3Exception beyond = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("mpu").key("big/ü file").partNumber(4)));
        assertEquals(416, beyond.statusCode());

        var attrs = s3.getObjectAttributes(b -> b.bucket("mpu").key("big/ü file")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.OBJECT_SIZE));
        assertEquals(3, attrs.objectParts().totalPartsCount());
        assertEquals((long) whole.length, attrs.objectSize());
        assertEquals(List.of((long) PART, (long) PART + 3, 1000L),
                attrs.objectParts().parts().stream().map(p -> p.size()).toList());
        assertTrue(s3.listMultipartUploads(b -> b.bucket("mpu")).uploads().stream().noneMatch(u -> u.uploadId().equals(id)),
                "a completed upload is no longer listed");
    }

    @Test
    void s3sLimitsAndErrorsLeaveTheUploadAsItWas() {
        String key = "limits";
        String id = s3.createMultipartUpload(b -> b.bucket("mpu").key(key)).uploadId();
        CompletedPart small1 = upload("mpu", key, id, 1, TestDaemons.randomBytes(1024, 4), null);
        CompletedPart small2 = upload("mpu", key, id, 2, TestDaemons.randomBytes(1024, 5), null);

        S3Exception tooSmall = completeFails(key, id, List.of(small1, small2));
        assertEquals("EntityTooSmall", tooSmall.awsErrorDetails().errorCode());
        assertEquals(400, tooSmall.statusCode());
        S3Exception order = completeFails(key, id, List.of(small2, small1));
        assertEquals("InvalidPartOrder", order.awsErrorDetails().errorCode());
        S3Exception dup = completeFails(key, id, List.of(small1, small1));
        assertEquals("InvalidPartOrder", dup.awsErrorDetails().errorCode());
        S3Exception wrongEtag = completeFails(key, id, List.of(small1.toBuilder().eTag("\"" + "0".repeat(32) + "\"").build()));
        assertEquals("InvalidPart", wrongEtag.awsErrorDetails().errorCode());
        S3Exception missing = completeFails(key, id, List.of(CompletedPart.builder().partNumber(7).eTag(small1.eTag()).build()));
        assertEquals("InvalidPart", missing.awsErrorDetails().errorCode());
        S3Exception empty = completeFails(key, id, List.of());
        assertEquals("MalformedXML", empty.awsErrorDetails().errorCode());
        for (int bad : new int[] {0, 10_001}) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket("mpu").key(key).uploadId(id)
                    .partNumber(bad), RequestBody.fromString("x")));
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode(), "part number " + bad);
        }
        S3Exception noUpload = assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket("mpu").key(key)
                .uploadId("nonexistent").partNumber(1), RequestBody.fromString("x")));
        assertEquals("NoSuchUpload", noUpload.awsErrorDetails().errorCode());
        assertEquals(404, noUpload.statusCode());
        S3Exception otherKey = assertThrows(S3Exception.class, () -> s3.listParts(b -> b.bucket("mpu").key("other").uploadId(id)));
        assertEquals("NoSuchUpload", otherKey.awsErrorDetails().errorCode(), "an upload id belongs to its key");

        assertEquals(2, s3.listParts(b -> b.bucket("mpu").key(key).uploadId(id)).parts().size(), "refusals changed nothing");
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("mpu").key(key)));

        // A single part may be smaller than 5 MiB: the last part has no minimum.
        var one = s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(id).multipartUpload(m -> m.parts(small1)));
        assertEquals("\"" + multipartEtag(new byte[][] {TestDaemons.randomBytes(1024, 4)}) + "\"", one.eTag());
        S3Exception again = completeFails(key, id, List.of(small1));
        assertEquals("NoSuchUpload", again.awsErrorDetails().errorCode());
    }

    @Test
    void abortDropsTheUploadAndAReUploadedPartReplacesTheOldOne() {
        String id = s3.createMultipartUpload(b -> b.bucket("mpu").key("aborted")).uploadId();
        upload("mpu", "aborted", id, 1, TestDaemons.randomBytes(MIB, 6), null);
        s3.abortMultipartUpload(b -> b.bucket("mpu").key("aborted").uploadId(id));
        assertEquals("NoSuchUpload", assertThrows(S3Exception.class,
                () -> s3.listParts(b -> b.bucket("mpu").key("aborted").uploadId(id))).awsErrorDetails().errorCode());
        assertEquals("NoSuchUpload", assertThrows(S3Exception.class,
                () -> s3.abortMultipartUpload(b -> b.bucket("mpu").key("aborted").uploadId(id))).awsErrorDetails().errorCode());
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("mpu").key("aborted")));

        String id2 = s3.createMultipartUpload(b -> b.bucket("mpu").key("redo")).uploadId();
        byte[] first = TestDaemons.randomBytes(PART, 7);
        byte[] second = TestDaemons.randomBytes(PART, 8);
        byte[] third = TestDaemons.randomBytes(10, 9);
        CompletedPart old = upload("mpu", "redo", id2, 1, first, null);
        CompletedPart redone = upload("mpu", "redo", id2, 1, second, null);
        CompletedPart p3 = upload("mpu", "redo", id2, 3, third, null);
        ListPartsResponse parts = s3.listParts(b -> b.bucket("mpu").key("redo").uploadId(id2));
        assertEquals(List.of(1, 3), parts.parts().stream().map(p -> p.partNumber()).toList());
        assertEquals(redone.eTag(), parts.parts().get(0).eTag());
        assertEquals("InvalidPart", completeFails("redo", id2, List.of(old, p3)).awsErrorDetails().errorCode(),
                "the replaced part's ETag no longer names a part");
        s3.completeMultipartUpload(b -> b.bucket("mpu").key("redo").uploadId(id2).multipartUpload(m -> m.parts(redone, p3)));
        assertArrayEquals(concat(new byte[][] {second, third}), s3.getObjectAsBytes(b -> b.bucket("mpu").key("redo")).asByteArray(),
                "part numbers may have gaps; the object is the listed parts in order");
    }

    @Test
    void listPartsAndListMultipartUploadsPage() {
        String id = s3.createMultipartUpload(b -> b.bucket("mpv").key("paged")).uploadId();
        for (int n = 1; n <= 5; n++) {
            upload("mpv", "paged", id, n, TestDaemons.randomBytes(100 + n, n), null);
        }
        List<Integer> seen = new ArrayList<>();
        Integer marker = null;
        do {
            Integer m = marker;
            ListPartsResponse page = s3.listParts(b -> b.bucket("mpv").key("paged").uploadId(id).maxParts(2).partNumberMarker(m));
            page.parts().forEach(p -> seen.add(p.partNumber()));
            assertTrue(page.parts().size() <= 2);
            marker = page.isTruncated() ? page.nextPartNumberMarker() : null;
        } while (marker != null);
        assertEquals(List.of(1, 2, 3, 4, 5), seen);

        List<String> keys = List.of("a/1", "a/1", "a/2", "b", "b", "b", "c/x/y");
        List<String> expected = new ArrayList<>();
        for (String k : keys) {
            expected.add(k + " " + s3.createMultipartUpload(b -> b.bucket("mpv").key(k)).uploadId());
        }
        expected.add("paged " + id);
        expected.sort((x, y) -> x.split(" ")[0].compareTo(y.split(" ")[0]));
        List<String> listed = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        boolean more = true;
        while (more) {
            String km = keyMarker;
            String im = idMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(b -> b.bucket("mpv").maxUploads(2).keyMarker(km).uploadIdMarker(im));
            for (MultipartUpload u : page.uploads()) {
                listed.add(u.key() + " " + u.uploadId());
                assertNotNull(u.initiated());
                assertNotNull(u.initiator().id());
            }
            more = page.isTruncated();
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        }
        assertEquals(expected, listed, "every upload once, keys in order, each key's in the order they began");

        ListMultipartUploadsResponse rolled = s3.listMultipartUploads(b -> b.bucket("mpv").delimiter("/"));
        assertEquals(List.of("a/", "c/"), rolled.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(List.of("b", "b", "b", "paged"), rolled.uploads().stream().map(MultipartUpload::key).toList());
        assertEquals(2, s3.listMultipartUploads(b -> b.bucket("mpv").prefix("a/1")).uploads().size());
    }

    @Test
    void compositeChecksumsAreTheChecksumOfThePartChecksums() throws Exception {
        byte[][] parts = {TestDaemons.randomBytes(PART, 11), TestDaemons.randomBytes(777, 12)};
        for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1,
                ChecksumAlgorithm.SHA256)) {
            String key = "composite-" + a;
            var created = s3.createMultipartUpload(b -> b.bucket("mpu").key(key).checksumAlgorithm(a));
            assertEquals(ChecksumType.COMPOSITE, created.checksumType(), "COMPOSITE is the default for " + a);
            List<CompletedPart> done = new ArrayList<>();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            for (int i = 0; i < parts.length; i++) {
                CompletedPart p = upload("mpu", key, created.uploadId(), i + 1, parts[i], a);
                byte[] digest = digest(a, parts[i]);
                assertEquals(Base64.getEncoder().encodeToString(digest), checksumOf(p, a), a + " of part " + (i + 1));
                raw.writeBytes(digest);
                done.add(p);
            }
            var complete = s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(created.uploadId())
                    .multipartUpload(m -> m.parts(done)));
            String expected = Base64.getEncoder().encodeToString(digest(a, raw.toByteArray())) + "-2";
            var head = s3.headObject(b -> b.bucket("mpu").key(key).checksumMode(ChecksumMode.ENABLED));
            assertEquals(expected, headChecksum(head, a), a + ": composite checksum on HEAD");
            assertEquals(ChecksumType.COMPOSITE, head.checksumType());
            assertEquals(ChecksumType.COMPOSITE, complete.checksumType());
            var attrs = s3.getObjectAttributes(b -> b.bucket("mpu").key(key).objectAttributes(ObjectAttributes.CHECKSUM));
            assertNotNull(attrs.checksum());
        }
    }

    @Test
    void fullObjectCrcsAreCombinedFromThePartsAndValidatedByTheSdk() throws Exception {
        byte[][] parts = {TestDaemons.randomBytes(PART + 1, 21), TestDaemons.randomBytes(PART, 22), TestDaemons.randomBytes(3, 23)};
        byte[] whole = concat(parts);
        Map<ChecksumAlgorithm, Supplier<Checksum>> crcs = Map.of(ChecksumAlgorithm.CRC32, CRC32::new,
                ChecksumAlgorithm.CRC32_C, CRC32C::new, ChecksumAlgorithm.CRC64_NVME, Crc64Nvme::new);
        for (var e : crcs.entrySet()) {
            ChecksumAlgorithm a = e.getKey();
            String key = "full-" + a;
            var created = s3.createMultipartUpload(b -> b.bucket("mpu").key(key).checksumAlgorithm(a).checksumType(ChecksumType.FULL_OBJECT));
            assertEquals(ChecksumType.FULL_OBJECT, created.checksumType());
            boolean nvme = a == ChecksumAlgorithm.CRC64_NVME;
            List<CompletedPart> done = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                if (nvme) {
                    // The SDK computes CRC64NVME only with the CRT library; send the value computed here.
                    int n = i + 1;
                    String value = crc(e.getValue().get(), parts[i], 8);
                    UploadPartResponse r = s3.uploadPart(b -> b.bucket("mpu").key(key).uploadId(created.uploadId()).partNumber(n)
                            .checksumCRC64NVME(value), RequestBody.fromBytes(parts[n - 1]));
                    assertEquals(value, r.checksumCRC64NVME());
                    done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC64NVME(value).build());
                } else {
                    done.add(upload("mpu", key, created.uploadId(), i + 1, parts[i], a));
                }
            }
            String expected = crc(e.getValue().get(), whole, nvme ? 8 : 4);
            if (a == ChecksumAlgorithm.CRC32) {
                // The client may state the whole object's checksum on Complete: a wrong one is refused.
                S3Exception wrong = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket("mpu").key(key)
                        .uploadId(created.uploadId()).checksumCRC32("AAAAAA==").multipartUpload(m -> m.parts(done))));
                assertEquals("BadDigest", wrong.awsErrorDetails().errorCode());
                s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(created.uploadId()).checksumCRC32(expected)
                        .multipartUpload(m -> m.parts(done)));
            } else {
                s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(created.uploadId()).multipartUpload(m -> m.parts(done)));
            }
            var head = s3.headObject(b -> b.bucket("mpu").key(key).checksumMode(ChecksumMode.ENABLED));
            assertEquals(expected, headChecksum(head, a), a + ": the whole object's CRC");
            assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
            if (!nvme) {
                // The SDK checks a full-object checksum against the bytes it receives.
                assertArrayEquals(whole, s3.getObjectAsBytes(b -> b.bucket("mpu").key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray());
            }
        }
    }

    @Test
    void checksumRulesAreEnforced() {
        S3Exception sha1Full = assertThrows(S3Exception.class, () -> s3.createMultipartUpload(b -> b.bucket("mpu").key("c")
                .checksumAlgorithm(ChecksumAlgorithm.SHA1).checksumType(ChecksumType.FULL_OBJECT)));
        assertEquals("InvalidRequest", sha1Full.awsErrorDetails().errorCode());
        S3Exception nvmeComposite = assertThrows(S3Exception.class, () -> s3.createMultipartUpload(b -> b.bucket("mpu").key("c")
                .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME).checksumType(ChecksumType.COMPOSITE)));
        assertEquals("InvalidRequest", nvmeComposite.awsErrorDetails().errorCode());

        String id = s3.createMultipartUpload(b -> b.bucket("mpu").key("c").checksumAlgorithm(ChecksumAlgorithm.CRC32_C)).uploadId();
        S3Exception otherAlgorithm = assertThrows(S3Exception.class, () -> upload("mpu", "c", id, 1, new byte[10], ChecksumAlgorithm.SHA256));
        assertEquals("InvalidRequest", otherAlgorithm.awsErrorDetails().errorCode());
        assertTrue(otherAlgorithm.awsErrorDetails().errorMessage().contains("expected checksum Type: crc32c"));
        CompletedPart p = upload("mpu", "c", id, 1, new byte[10], ChecksumAlgorithm.CRC32_C);
        S3Exception noPartChecksum = completeFails("c", id, List.of(p.toBuilder().checksumCRC32C(null).build()));
        assertEquals("InvalidRequest", noPartChecksum.awsErrorDetails().errorCode());
        assertTrue(noPartChecksum.awsErrorDetails().errorMessage().contains("It was missing for part 1"));
        S3Exception wrong = completeFails("c", id, List.of(p.toBuilder().checksumCRC32C("AAAAAA==").build()));
        assertEquals("InvalidPart", wrong.awsErrorDetails().errorCode());
        S3Exception badPart = assertThrows(S3Exception.class, () -> s3.uploadPart(b -> b.bucket("mpu").key("c").uploadId(id).partNumber(2)
                .checksumCRC32C("AAAAAA=="), RequestBody.fromBytes(new byte[10])));
        assertEquals("BadDigest", badPart.awsErrorDetails().errorCode());
        assertEquals(1, s3.listParts(b -> b.bucket("mpu").key("c").uploadId(id)).parts().size(), "the refused part was not stored");
    }

    @Test
    void uploadPartCopyCopiesRangesOfPlainAndMultipartSources() throws Exception {
        byte[] plain = TestDaemons.randomBytes(PART + 100, 31);
        s3.putObject(b -> b.bucket("mpu").key("copy-src"), RequestBody.fromBytes(plain));
        String id = s3.createMultipartUpload(b -> b.bucket("mpv").key("assembled")).uploadId();
        var c1 = s3.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("copy-src").destinationBucket("mpv").destinationKey("assembled")
                .uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (PART - 1)));
        assertEquals("\"" + md5Hex(Arrays.copyOf(plain, PART)) + "\"", c1.copyPartResult().eTag());
        var c2 = s3.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("copy-src").destinationBucket("mpv").destinationKey("assembled")
                .uploadId(id).partNumber(2));
        S3Exception badRange = assertThrows(S3Exception.class, () -> s3.uploadPartCopy(b -> b.sourceBucket("mpu").sourceKey("copy-src")
                .destinationBucket("mpv").destinationKey("assembled").uploadId(id).partNumber(3).copySourceRange("bytes=10-" + plain.length)));
        assertEquals("InvalidArgument", badRange.awsErrorDetails().errorCode());
        var done = s3.completeMultipartUpload(b -> b.bucket("mpv").key("assembled").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(c1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(c2.copyPartResult().eTag()).build())));
        assertNotNull(done.versionId(), "a versioned bucket names the new version");
        byte[] assembled = concat(new byte[][] {Arrays.copyOf(plain, PART), plain});
        assertArrayEquals(assembled, s3.getObjectAsBytes(b -> b.bucket("mpv").key("assembled").versionId(done.versionId())).asByteArray());

        // A range of a multipart source that spans its part boundary.
        String id2 = s3.createMultipartUpload(b -> b.bucket("mpu").key("from-mp")).uploadId();
        var c3 = s3.uploadPartCopy(b -> b.sourceBucket("mpv").sourceKey("assembled").destinationBucket("mpu").destinationKey("from-mp")
                .uploadId(id2).partNumber(1).copySourceRange("bytes=" + (PART - 5) + "-" + (PART + 4)));
        s3.completeMultipartUpload(b -> b.bucket("mpu").key("from-mp").uploadId(id2).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(c3.copyPartResult().eTag()).build())));
        assertArrayEquals(Arrays.copyOfRange(assembled, PART - 5, PART + 5), s3.getObjectAsBytes(b -> b.bucket("mpu").key("from-mp")).asByteArray());

        // CopyObject of a multipart object makes one blob: a plain MD5 ETag.
        var copied = s3.copyObject(b -> b.sourceBucket("mpv").sourceKey("assembled").destinationBucket("mpu").destinationKey("flat"));
        assertEquals("\"" + md5Hex(assembled) + "\"", copied.copyObjectResult().eTag());
        assertArrayEquals(assembled, s3.getObjectAsBytes(b -> b.bucket("mpu").key("flat")).asByteArray());
    }

    /** The SDK as shipped: CRC32 in aws-chunked trailers on every part, checksum validation on GET. */
    @Test
    void theSdkWithItsDefaultsUploadsAndDownloadsInParts() throws Exception {
        ChunkedS3.Recorder sent = new ChunkedS3.Recorder();
        S3Client sdk = amber.track(ChunkedS3.defaultClient(amber.daemon(), amber.root(), sent));
        byte[][] parts = {TestDaemons.randomBytes(PART, 51), TestDaemons.randomBytes(12345, 52)};
        String id = sdk.createMultipartUpload(b -> b.bucket("mpu").key("sdk-defaults")).uploadId();
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            int n = i + 1;
            UploadPartResponse r = sdk.uploadPart(b -> b.bucket("mpu").key("sdk-defaults").uploadId(id).partNumber(n),
                    RequestBody.fromBytes(parts[n - 1]));
            assertEquals("x-amz-checksum-crc32", sent.header("x-amz-trailer"), "the default sends a CRC32 trailer");
            assertNotNull(r.checksumCRC32());
            done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
        }
        var complete = sdk.completeMultipartUpload(b -> b.bucket("mpu").key("sdk-defaults").uploadId(id).multipartUpload(m -> m.parts(done)));
        assertEquals("\"" + multipartEtag(parts) + "\"", complete.eTag());
        assertArrayEquals(concat(parts), sdk.getObjectAsBytes(b -> b.bucket("mpu").key("sdk-defaults")).asByteArray());
    }

    @Test
    void deletingABucketEndsItsUploads() {
        s3.createBucket(b -> b.bucket("mpu-gone"));
        String id = s3.createMultipartUpload(b -> b.bucket("mpu-gone").key("k")).uploadId();
        upload("mpu-gone", "k", id, 1, new byte[100], null);
        s3.deleteBucket(b -> b.bucket("mpu-gone"));
        s3.createBucket(b -> b.bucket("mpu-gone"));
        assertTrue(s3.listMultipartUploads(b -> b.bucket("mpu-gone")).uploads().isEmpty());
        assertEquals("NoSuchUpload", assertThrows(S3Exception.class,
                () -> s3.listParts(b -> b.bucket("mpu-gone").key("k").uploadId(id))).awsErrorDetails().errorCode());
    }

    @Test
    void uploadsAndCompletedObjectsSurviveARestart(@TempDir Path dir) throws Exception {
        byte[][] parts = {TestDaemons.randomBytes(PART, 41), TestDaemons.randomBytes(PART, 42), TestDaemons.randomBytes(5, 43)};
        String open;
        List<CompletedPart> done = new ArrayList<>();
        String completedEtag;
        RootCredentials root;
        try (Daemon d = TestDaemons.start(dir)) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client c = TestDaemons.client(d, root)) {
                c.createBucket(b -> b.bucket("keep"));
                String first = c.createMultipartUpload(b -> b.bucket("keep").key("done")).uploadId();
                List<CompletedPart> ps = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    int n = i + 1;
                    String etag = c.uploadPart(b -> b.bucket("keep").key("done").uploadId(first).partNumber(n),
                            RequestBody.fromBytes(parts[n - 1])).eTag();
                    ps.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                }
                completedEtag = c.completeMultipartUpload(b -> b.bucket("keep").key("done").uploadId(first)
                        .multipartUpload(m -> m.parts(ps))).eTag();
                open = c.createMultipartUpload(b -> b.bucket("keep").key("open")).uploadId();
                for (int i = 0; i < 2; i++) {
                    int n = i + 1;
                    UploadPartResponse r = c.uploadPart(b -> b.bucket("keep").key("open").uploadId(open).partNumber(n),
                            RequestBody.fromBytes(parts[n - 1]));
                    done.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).build());
                }
            }
        }
        try (Daemon d = TestDaemons.start(dir); S3Client c = TestDaemons.client(d, root)) {
            assertArrayEquals(concat(new byte[][] {parts[0], parts[1]}), c.getObjectAsBytes(b -> b.bucket("keep").key("done")).asByteArray());
            assertEquals(completedEtag, c.headObject(b -> b.bucket("keep").key("done")).eTag());
            assertEquals(List.of(open), c.listMultipartUploads(b -> b.bucket("keep")).uploads().stream().map(MultipartUpload::uploadId).toList());
            String etag3 = c.uploadPart(b -> b.bucket("keep").key("open").uploadId(open).partNumber(3), RequestBody.fromBytes(parts[2])).eTag();
            done.add(CompletedPart.builder().partNumber(3).eTag(etag3).build());
            c.completeMultipartUpload(b -> b.bucket("keep").key("open").uploadId(open).multipartUpload(m -> m.parts(done)));
            assertArrayEquals(concat(parts), c.getObjectAsBytes(b -> b.bucket("keep").key("open")).asByteArray(),
                    "parts stored before the restart complete after it");
        }
    }

    private static CompletedPart upload(String bucket, String key, String id, int n, byte[] data, ChecksumAlgorithm a) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(n).checksumAlgorithm(a),
                RequestBody.fromBytes(data));
        return CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).checksumCRC32C(r.checksumCRC32C())
                .checksumCRC64NVME(r.checksumCRC64NVME()).checksumSHA1(r.checksumSHA1()).checksumSHA256(r.checksumSHA256()).build();
    }

    private static S3Exception completeFails(String key, String id, List<CompletedPart> parts) {
        return assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket("mpu").key(key).uploadId(id)
                .multipartUpload(m -> m.parts(parts))));
    }

    private static String checksumOf(CompletedPart p, ChecksumAlgorithm a) {
        switch (a) {
            case CRC32:
                return p.checksumCRC32();
            case CRC32_C:
                return p.checksumCRC32C();
            case SHA1:
                return p.checksumSHA1();
            default:
                return p.checksumSHA256();
        }
    }

    private static String headChecksum(software.amazon.awssdk.services.s3.model.HeadObjectResponse h, ChecksumAlgorithm a) {
        switch (a) {
            case CRC32:
                return h.checksumCRC32();
            case CRC32_C:
                return h.checksumCRC32C();
            case CRC64_NVME:
                return h.checksumCRC64NVME();
            case SHA1:
                return h.checksumSHA1();
            default:
                return h.checksumSHA256();
        }
    }

    private static byte[] digest(ChecksumAlgorithm a, byte[] data) throws Exception {
        switch (a) {
            case CRC32:
            case CRC32_C: {
                Checksum c = a == ChecksumAlgorithm.CRC32 ? new CRC32() : new CRC32C();
                c.update(data, 0, data.length);
                return ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
            }
            case SHA1:
                return MessageDigest.getInstance("SHA-1").digest(data);
            default:
                return MessageDigest.getInstance("SHA-256").digest(data);
        }
    }

    /** The CRC of {@code data} as S3 shows it: big-endian, {@code width} bytes, base64. */
    private static String crc(Checksum c, byte[] data, int width) {
        c.update(data, 0, data.length);
        byte[] be = ByteBuffer.allocate(8).putLong(c.getValue()).array();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(be, 8 - width, 8));
    }

    static String md5Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    /** S3's multipart ETag, computed independently: md5 of the concatenated binary part MD5s, then -N. */
    static String multipartEtag(byte[][] parts) {
        try {
            MessageDigest all = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                all.update(MessageDigest.getInstance("MD5").digest(p));
            }
            return HexFormat.of().formatHex(all.digest()) + "-" + parts.length;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[][] parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "");
    }
}
