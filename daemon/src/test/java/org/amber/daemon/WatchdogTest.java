package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The watchdog pings only while probes make it through the whole pipeline: holding the segment fsync (the
 * JDK seam STYLE.md allows) stalls the persist stage, and the pings stop until it moves again; a failed sync
 * (writes stopped) silences them for good, so systemd restarts the daemon.
 */
class WatchdogTest {
    @TempDir
    Path dir;

    static void await(AtomicInteger pings, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pings.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(pings.get() >= atLeast, "pings: " + pings.get());
    }

    @Test
    void aStalledPipelineStopsThePingsAndAFailedSyncEndsThem() throws Exception {
        GatedChannel.Gate gate = new GatedChannel.Gate();
        AtomicInteger pings = new AtomicInteger();
        try (Daemon d = TestDaemons.start(dir, gate.opener());
             Watchdog w = new Watchdog(d.bus(), m -> {
                 assertEquals("WATCHDOG=1", m);
                 pings.incrementAndGet();
             });
             S3Client s3 = TestDaemons.client(d, d.newRootCredentials().orElseThrow())) {
            w.start(Duration.ofMillis(200));
            await(pings, 5);

            s3.createBucket(b -> b.bucket("stall"));
            gate.holdSyncs();
            CompletableFuture<?> put = CompletableFuture.runAsync(
                    () -> s3.putObject(b -> b.bucket("stall").key("k"), RequestBody.fromBytes(new byte[4096])));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gate.waiting.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, gate.waiting.get(), "the persist stage is inside fdatasync");
            Thread.sleep(300); // a probe already past persist may still come back
            int before = pings.get();
            Thread.sleep(1500); // seven and a half half-periods
            assertEquals(before, pings.get(), "no ping while the pipeline is stalled");

            gate.release();
            put.get(10, TimeUnit.SECONDS);
            await(pings, before + 3);

            // A failed sync stops writes for good: the probes are refused and the pings end.
            gate.fail.set(true);
            try {
                s3.putObject(b -> b.bucket("stall").key("k2"), RequestBody.fromBytes(new byte[4096]));
            } catch (RuntimeException expected) {
                // 503: writes stopped
            }
            Thread.sleep(400);
            int last = pings.get();
            Thread.sleep(1500);
            assertEquals(last, pings.get(), "no ping once writes have stopped");
        }
    }
}
