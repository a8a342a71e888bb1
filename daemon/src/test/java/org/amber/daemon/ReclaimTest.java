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
        return Daemon.start(Config.from(Map.of("data", dir.toString(), "s3-address", "127.0.0.1:0",
                "admin-address", "127.0.0.1:0", "segment-size", Long.toString(6L * MIB), "reclaim-interval-seconds", "0")));
    }

    Set<String> segmentFiles() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("segments"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).collect(Collectors.toCollection(TreeSet::new));
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
                Set<String> after = segmentFiles();
                assertEquals(before.size() - 2, after.size(), "the segments of parts 1 and 2 are gone: " + before + " -> " + after);
                assertTrue(before.containsAll(after));
                assertEquals(2.0, TestDaemons.metric(d, "amber_segments_dropped_total"));
                assertTrue(TestDaemons.metric(d, "amber_reclaimed_bytes_total") >= 10.0 * MIB);
                assertArrayEquals(keep, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep")).asByteArray(),
                        "part 3's segment is kept for the object that shares it");
                assertArrayEquals(keep2, s3.getObjectAsBytes(b -> b.bucket("rec").key("keep2")).asByteArray());

                s3.deleteObject(b -> b.bucket("rec").key("keep"));
                d.reclaimNow();
                assertEquals(before.size() - 3, segmentFiles().size(), "with 'keep' deleted, part 3's segment goes too");

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
