package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The ways a small body can reach the server besides in one piece with its headers: in pieces, cut
 * short, or pipelined behind other requests on one connection. Each must store exactly the bytes
 * sent, or nothing; and a small PUT to a bucket that does not exist stores nothing either.
 */
class SmallBodyArrivalTest {
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static S3Client s3;
    static RawS3 raw;

    @BeforeAll
    static void start() {
        s3 = amber.client();
        raw = amber.raw();
        s3.createBucket(b -> b.bucket("arrival"));
    }

    @Test
    void aSmallBodyThatArrivesInPiecesIsStoredWhole() throws Exception {
        byte[] body = TestDaemons.randomBytes(6_000, 1);
        RawS3.Reply r = raw.putInPieces("/arrival/pieces", body, 3, 150);
        assertEquals(200, r.status(), r.body());
        assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket("arrival").key("pieces")).asByteArray());
    }

    @Test
    void aSmallBodyCutShortIsIncompleteBodyAndStoresNothing() throws Exception {
        byte[] body = TestDaemons.randomBytes(4_096, 2);
        RawS3.Reply r = raw.call("PUT", "127.0.0.1", "/arrival/cut", null, body, 2_000);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("<Code>IncompleteBody</Code>"), r.body());
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("arrival").key("cut")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void pipelinedSmallPutsOnOneConnectionAllLand() throws Exception {
        List<String> paths = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paths.add("/arrival/piped-" + i);
            // Around the size up to which blobs go through the page cache (64 KiB), and well under it.
            bodies.add(TestDaemons.randomBytes(i % 4 == 0 ? 64 * 1024 + (i % 8 == 0 ? 1 : 0) : 100 + i, 10 + i));
        }
        List<RawS3.Reply> replies = raw.pipelinedPuts(paths, bodies);
        for (int i = 0; i < paths.size(); i++) {
            assertEquals(200, replies.get(i).status(), "PUT " + i + ": " + replies.get(i).body());
            String key = "piped-" + i;
            assertArrayEquals(bodies.get(i), s3.getObjectAsBytes(b -> b.bucket("arrival").key(key)).asByteArray(), key);
        }
    }

    @Test
    void aSmallPutToAMissingBucketIsNoSuchBucket() throws Exception {
        RawS3.Reply r = raw.call("PUT", "/no-such-bucket-here/k", null, new byte[10]);
        assertEquals(404, r.status(), r.body());
        assertTrue(r.body().contains("<Code>NoSuchBucket</Code>"), r.body());
    }
}
