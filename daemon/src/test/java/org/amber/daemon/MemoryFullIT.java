package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.amber.s3.S3Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every version's state is on the heap. A daemon given too small a heap for its versions refuses new
 * objects with a 503 once the heap is nearly full, and goes on serving reads, listings and deletes,
 * rather than collecting garbage back to back until clients time out.
 */
class MemoryFullIT {
    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    @Test
    void aNearlyFullHeapRefusesNewObjectsAndKeepsServingTheRest() throws Exception {
        Path log = dir.resolve("amberd.log");
        try (Amberd a = Amberd.startWithJavaOpts("-Xmx64m", dir.resolve("data"), log, true);
             S3Client s3 = TestDaemons.noRetryClient(a.endpoint(), Amberd.ROOT.accessKeyId(), Amberd.ROOT.secretKey())) {
            s3.createBucket(b -> b.bucket("full"));
            AtomicReference<S3Exception> refused = new AtomicReference<>();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            AtomicLong stored = new AtomicLong();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                pool.submit(() -> {
                    for (int i = 0; refused.get() == null && failed.get() == null && System.nanoTime() < deadline; i++) {
                        String key = "k/" + writer + "/" + i;
                        try {
                            s3.putObject(b -> b.bucket("full").key(key), RequestBody.empty());
                            stored.incrementAndGet();
                        } catch (S3Exception e) {
                            if (e.statusCode() == 503) {
                                refused.compareAndSet(null, e);
                            } else {
                                failed.compareAndSet(null, e);
                            }
                        } catch (RuntimeException e) {
                            failed.compareAndSet(null, e);
                        }
                    }
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(330, TimeUnit.SECONDS));
            if (failed.get() != null) {
                throw new AssertionError("a PUT failed otherwise than with a 503 after " + stored + " objects", failed.get());
            }
            S3Exception e = refused.get();
            assertNotNull(e, () -> "no refusal after " + stored + " objects in 300 s");
            assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode());
            assertEquals(S3Error.MEMORY_FULL.message(), e.awsErrorDetails().errorMessage());
            assertTrue(Files.readString(log).contains("MEMORY FULL"), "the daemon logs why it refuses");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + a.adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            // The guard may have let writes in again since (a collection left less than 85% in use): the
            // metric is there, the heap is near its mark either way.
            assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("amber_memory_full ")), metrics.body());
            double ratio = metrics.body().lines().filter(l -> l.startsWith("amber_heap_after_gc_ratio "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
            assertTrue(ratio >= 0.75, "heap after the last collection: " + ratio);

            // Still serving: a read, a listing, a delete (the way to make room).
            assertEquals(0L, s3.headObject(b -> b.bucket("full").key("k/0/0")).contentLength());
            assertEquals(5, s3.listObjectsV2(b -> b.bucket("full").prefix("k/1/").maxKeys(5)).contents().size());
            s3.deleteObject(b -> b.bucket("full").key("k/0/0"));
            assertThrows(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class,
                    () -> s3.headObject(b -> b.bucket("full").key("k/0/0")));
            assertTrue(a.process.isAlive());
        }
    }
}
