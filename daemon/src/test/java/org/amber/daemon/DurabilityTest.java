package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Acknowledge only after durable; fail-stop on a failed sync (DESIGN.md, the write path). */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void noReplyBeforeTheSyncAndNothingVisibleBeforeIt() throws Exception {
        GatedChannel.Gate gate = new GatedChannel.Gate();
        try (Daemon d = TestDaemons.start(dir, gate.opener())) {
            RootCredentials root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("held"));
                byte[] data = TestDaemons.randomBytes(64 * 1024, 7);
                gate.holdSyncs();
                CompletableFuture<String> put = CompletableFuture.supplyAsync(
                        () -> s3.putObject(b -> b.bucket("held").key("k"), RequestBody.fromBytes(data)).eTag());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gate.waiting.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1, gate.waiting.get(), "the persist stage is inside fdatasync");
                Thread.sleep(500);
                assertFalse(put.isDone(), "the client must still be waiting while the sync is held");
                assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("held").key("k")),
                        "reads must not see a version before it is durable");
                gate.release();
                put.get(10, TimeUnit.SECONDS);
                assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket("held").key("k")).asByteArray());
            }
        }
    }

    @Test
    void aFailedSyncStopsAllWritesAndIsNeverAcknowledged() throws Exception {
        GatedChannel.Gate gate = new GatedChannel.Gate();
        RootCredentials root;
        try (Daemon d = TestDaemons.start(dir, gate.opener())) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("failing"));
                s3.putObject(b -> b.bucket("failing").key("before"), RequestBody.fromString("kept"));
                gate.fail.set(true);
                S3Exception e = assertThrows(S3Exception.class,
                        () -> s3.putObject(b -> b.bucket("failing").key("lost"), RequestBody.fromString("x")));
                assertEquals(503, e.statusCode());
                assertFalse(d.acceptingWrites());
                gate.fail.set(false);
                S3Exception after = assertThrows(S3Exception.class,
                        () -> s3.putObject(b -> b.bucket("failing").key("after"), RequestBody.fromString("y")));
                assertEquals(503, after.statusCode(), "no retry after a failed sync: writes stay stopped");
                assertEquals(503, S3Exception.class.cast(assertThrows(S3Exception.class,
                        () -> s3.deleteObject(b -> b.bucket("failing").key("before")))).statusCode());
                assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("failing").key("before")).asUtf8String(),
                        "reads go on");
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + d.adminPort() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, ready.statusCode());
                assertEquals(1.0, TestDaemons.metric(d, "amber_writes_stopped"));
            }
        }
        try (Daemon d = TestDaemons.start(dir); S3Client s3 = TestDaemons.client(d, root)) {
            assertTrue(d.acceptingWrites(), "a restart replays the journal and takes writes again");
            assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("failing").key("before")).asUtf8String());
            assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("failing").key("lost")));
            s3.putObject(b -> b.bucket("failing").key("after"), RequestBody.fromString("y"));
        }
    }
}
