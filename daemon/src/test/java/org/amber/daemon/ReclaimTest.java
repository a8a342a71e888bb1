package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * Space reclamation: segments that only aborted parts or deleted versions used are deleted once that is
 * durable; a segment with any live extent (a current or noncurrent version, a part of an open upload)
 * is kept, and a restart neither resurrects nor loses anything.
 */
class ReclaimTest {
    static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Segments of 6 MiB: every 5 MiB blob starts a segment of its own. Rounds run only when asked. */
    Daemon start() throws Exception {
        return start(6);
    }

    Daemon start(int segmentMib) throws Exception {
        return Daemon.start(Config.from(Map.of("data", dir.toString(), "s3-address", "127.0.0.1:0",
                "admin-address", "127.0.0.1:0", "segment-size", Long.toString((long) segmentMib * MIB), "reclaim-interval-seconds", "0")));
    }

    Set<String> segmentFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("segments"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * A segment that is mostly dead (an aborted 5 MiB part) but holds live extents (a current version, a
     * noncurrent version, a part of an upload in progress) is compacted: the live bytes move, every
     * reference follows them, the segment goes, and the upload still completes with its part.
     */
    @Test
    void aMostlyDeadSegmentIsCompactedAndItsLiveExtentsMove() throws Exception {
        byte[] current = TestDaemons.randomBytes(300_000, 21);
        byte[] noncurrent = TestDaemons.randomBytes(200_000, 22);
        byte[] part = TestDaemons.randomBytes(100_000, 23);
        RootCredentials root;
        String oldVersion;
        String openId;
        String partEtag;
        try (Daemon d = start(8)) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("cmp"));
                s3.putBucketVersioning(b -> b.bucket("cmp").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                String aborted = s3.createMultipartUpload(b -> b.bucket("cmp").key("gone")).uploadId();
                s3.uploadPart(b -> b.bucket("cmp").key("gone").uploadId(aborted).partNumber(1),
                        RequestBody.fromBytes(TestDaemons.randomBytes(5 * MIB, 24)));
                oldVersion = s3.putObject(b -> b.bucket("cmp").key("doc"), RequestBody.fromBytes(noncurrent)).versionId();
                s3.putObject(b -> b.bucket("cmp").key("doc"), RequestBody.fromBytes(current));
                openId = s3.createMultipartUpload(b -> b.bucket("cmp").key("open")).uploadId();
                partEtag = s3.uploadPart(b -> b.bucket("cmp").key("open").uploadId(openId).partNumber(1), RequestBody.fromBytes(part)).eTag();
                s3.putObject(b -> b.bucket("cmp").key("next"), RequestBody.fromBytes(TestDaemons.randomBytes(5 * MIB, 25))); // seals the first segment
                Set<String> before = segmentFiles();
                assertTrue(before.contains("000000000001.seg"), before.toString());
                s3.abortMultipartUpload(b -> b.bucket("cmp").key("gone").uploadId(aborted));
                d.reclaimNow();
                assertTrue(segmentFiles().contains("000000000001.seg"), "compacted, kept one more round for reads in flight");
                d.reclaimNow();
                assertTrue(!segmentFiles().contains("000000000001.seg"), "the mostly dead segment is gone: " + segmentFiles());
                assertArrayEquals(current, s3.getObjectAsBytes(b -> b.bucket("cmp").key("doc")).asByteArray());
                assertArrayEquals(noncurrent, s3.getObjectAsBytes(b -> b.bucket("cmp").key("doc").versionId(oldVersion)).asByteArray());
            }
        }
        try (Daemon d = start(8); S3Client s3 = TestDaemons.client(d, root)) {
            assertArrayEquals(current, s3.getObjectAsBytes(b -> b.bucket("cmp").key("doc")).asByteArray(), "the move is in the journal");
            assertArrayEquals(noncurrent, s3.getObjectAsBytes(b -> b.bucket("cmp").key("doc").versionId(oldVersion)).asByteArray());
            s3.completeMultipartUpload(b -> b.bucket("cmp").key("open").uploadId(openId).multipartUpload(m -> m.parts(
                    software.amazon.awssdk.services.s3.model.CompletedPart.builder().partNumber(1).eTag(partEtag).build())));
            assertArrayEquals(part, s3.getObjectAsBytes(b -> b.bucket("cmp").key("open")).asByteArray(),
                    "a part whose bytes moved completes with its old ETag");
        }
    }

    /**
     * A closed segment full of small live objects is full: each extent occupies 4096 bytes whatever its
     * length. Counting object bytes made it look 97% dead, so every round moved its extents into a new
     * segment laid out just like it, which the next rounds compacted again, without end.
     */
    @Test
    void aSegmentOfSmallLiveObjectsIsNotCompacted() throws Exception {
        try (Daemon d = start(1); S3Client s3 = TestDaemons.client(d, d.newRootCredentials().orElseThrow())) {
            s3.createBucket(b -> b.bucket("small"));
            int objects = 300; // 1 MiB segments hold 256 extents of 4096 bytes: the first is closed
            for (int i = 0; i < objects; i++) {
                String key = String.format("k%03d", i);
                s3.putObject(b -> b.bucket("small").key(key), RequestBody.fromBytes(TestDaemons.randomBytes(100, i)));
            }
            long first = d.state().bucket("small").orElseThrow().latest("k000").orElseThrow().extents().get(0).segment();
            Set<String> before = segmentFiles();
            d.reclaimNow();
            d.reclaimNow();
            assertEquals(first, d.state().bucket("small").orElseThrow().latest("k000").orElseThrow().extents().get(0).segment(),
                    "the extent did not move");
            assertEquals(before, segmentFiles(), "no segment was written or dropped");
            assertArrayEquals(TestDaemons.randomBytes(100, 0), s3.getObjectAsBytes(b -> b.bucket("small").key("k000")).asByteArray());
        }
    }

    /** A dropped segment's id is never used again, even when its file was the newest and is gone. */
    @Test
    void aDroppedSegmentsIdIsNotReused() throws Exception {
        RootCredentials root;
        try (Daemon d = start()) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("ids"));
                s3.putObject(b -> b.bucket("ids").key("k"), RequestBody.fromBytes(TestDaemons.randomBytes(1000, 7)));
                s3.deleteObject(b -> b.bucket("ids").key("k"));
            }
        }
        try (Daemon d = start()) {
            d.reclaimNow();
            assertEquals(Set.of(), segmentFiles(), "the only segment held nothing live");
        }
        try (Daemon d = start(); S3Client s3 = TestDaemons.client(d, root)) {
            byte[] body = TestDaemons.randomBytes(2000, 8);
            s3.putObject(b -> b.bucket("ids").key("k2"), RequestBody.fromBytes(body));
            assertEquals(Set.of("000000000002.seg"), segmentFiles());
            assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket("ids").key("k2")).asByteArray());
        }
    }

    @Test
    void abortedPartsAndDeletedVersionsAreReclaimedLiveOnesNever() throws Exception {
        byte[] keep = TestDaemons.randomBytes(4000, 1);
        byte[] keep2 = TestDaemons.randomBytes(5 * MIB, 2);
        byte[] old = TestDaemons.randomBytes(5 * MIB, 3);
        RootCredentials root;
        String oldVersion;
        try (Daemon d = start()) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("rec"));
                String id = s3.createMultipartUpload(b -> b.bucket("rec").key("aborted")).uploadId();
                for (int n = 1; n <= 3; n++) {
                    int part = n;
                    s3.uploadPart(b -> b.bucket("rec").key("aborted").uploadId(id).partNumber(part),
                            RequestBody.fromBytes(TestDaemons.randomBytes(5 * MIB, 10 + part)));
                }
                s3.putObject(b -> b.bucket("rec").key("keep"), RequestBody.fromBytes(keep)); // shares part 3's segment
                s3.putObject(b -> b.bucket("rec").key("keep2"), RequestBody.fromBytes(keep2)); // a segment of its own
                Set<String> before = segmentFiles();
                d.reclaimNow();
                assertEquals(before, segmentFiles(), "parts of an upload in progress are live");

                s3.abortMultipartUpload(b -> b.bucket("rec").key("aborted").uploadId(id));
                d.reclaimNow();
                d.reclaimNow();
                // Parts 1 and 2 had segments of their own: dropped. Part 3's segment was mostly dead: 'keep'
                // moved out (to the current segment, with keep2) and the segment went too.
                assertEquals(Set.of("000000000004.seg"), segmentFiles(), "from " + before);
                assertEquals(3.0, TestDaemons.metric(d, "amber_segments_dropped_total"));
                assertTrue(TestDaemons.metric(d, "amber_reclaimed_bytes_total") >= 15.0 * MIB);
                assertArrayEquals(keep, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep")).asByteArray(),
                        "the object that shared part 3's segment moved and reads back");
                assertArrayEquals(keep2, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep2")).asByteArray());

                s3.createBucket(b -> b.bucket("recv"));
                s3.putBucketVersioning(b -> b.bucket("recv").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
                oldVersion = s3.putObject(b -> b.bucket("recv").key("doc"), RequestBody.fromBytes(old)).versionId();
                s3.putObject(b -> b.bucket("recv").key("doc"), RequestBody.fromBytes(TestDaemons.randomBytes(5 * MIB, 4)));
                s3.deleteObject(b -> b.bucket("recv").key("doc"));
                Set<String> versioned = segmentFiles();
                d.reclaimNow();
                assertEquals(versioned, segmentFiles(), "noncurrent versions and versions under a delete marker keep their bytes");
                assertArrayEquals(old, s3.getObjectAsBytes(b -> b.bucket("recv").key("doc").versionId(oldVersion)).asByteArray());
            }
        }
        Set<String> atStop = segmentFiles();
        try (Daemon d = start(); S3Client s3 = TestDaemons.client(d, root)) {
            assertTrue(segmentFiles().containsAll(atStop) && segmentFiles().size() >= atStop.size(),
                    "a restart loses no segment (it may start a new one)");
            assertArrayEquals(keep2, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep2")).asByteArray());
            assertArrayEquals(old, s3.getObjectAsBytes(b -> b.bucket("recv").key("doc").versionId(oldVersion)).asByteArray());
            d.reclaimNow();
            assertArrayEquals(keep2, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep2")).asByteArray(),
                    "after a restart every segment of an earlier run is a candidate; live ones are still kept");
            assertArrayEquals(old, s3.getObjectAsBytes(b -> b.bucket("recv").key("doc").versionId(oldVersion)).asByteArray());
        }
    }
}
