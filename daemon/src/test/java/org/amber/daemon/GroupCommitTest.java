package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Group commit: 64 concurrent 4 KiB PUTs share fdatasyncs and journal syncs. The PUTs go through
 * presigned URLs with the JDK's HTTP client, signed before the clock starts, so that on this 2-core
 * box the load measures the server rather than client-side signing.
 */
class GroupCommitTest {
    static final int CLIENTS = 64;
    static final int PER_CLIENT = 40;

    @TempDir
    Path dir;

    @Test
    void sixtyFourConcurrentPutsShareSyncs() throws Exception {
        try (Daemon d = TestDaemons.start(dir)) {
            RootCredentials root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("group"));
            }
            List<List<URI>> urls = presign(d, root);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).build();
            byte[] body = TestDaemons.randomBytes(4096, 3);
            double syncs0 = TestDaemons.metric(d, "amber_journal_syncs_total");
            double fsyncs0 = TestDaemons.metric(d, "amber_segment_fdatasyncs_total");
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CyclicBarrier go = new CyclicBarrier(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (List<URI> mine : urls) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (URI u : mine) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(u)
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r.body());
                    }
                    return null;
                }));
            }
            long t0 = System.nanoTime();
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            int puts = CLIENTS * PER_CLIENT;
            double syncs = TestDaemons.metric(d, "amber_journal_syncs_total") - syncs0;
            double fsyncs = TestDaemons.metric(d, "amber_segment_fdatasyncs_total") - fsyncs0;
            double commitSeconds = TestDaemons.metric(d, "amber_commit_duration_seconds_sum");
            double commits = TestDaemons.metric(d, "amber_commit_duration_seconds_count");
            System.out.printf("group commit: %d PUTs in %.2f s (%.0f/s), %.0f journal syncs, %.0f segment fdatasyncs"
                    + " (%.1f PUTs per journal sync), mean commit %.2f ms%n",
                    puts, seconds, puts / seconds, syncs, fsyncs, puts / syncs, 1000 * commitSeconds / commits);
            try (S3Client s3 = TestDaemons.client(d, root)) {
                assertEquals(puts, s3.listObjectsV2Paginator(b -> b.bucket("group")).contents().stream().count());
            }
            assertTrue(syncs > 0 && fsyncs > 0, "syncs happened and are counted");
            // Measured on the 2-core box with the clients in this JVM: 5.6-12 PUTs per sync; one sync per
            // request (no group commit) would be 2,560. The bound leaves room for a noisy machine.
            assertTrue(syncs <= puts / 4.0, "journal syncs " + syncs + " should be far fewer than " + puts + " PUTs");
            assertTrue(fsyncs <= puts / 4.0, "segment fdatasyncs " + fsyncs + " should be far fewer than " + puts + " PUTs");
        }
    }

    private static List<List<URI>> presign(Daemon d, RootCredentials root) throws Exception {
        List<List<URI>> urls = new ArrayList<>();
        try (S3Presigner p = S3Presigner.builder().endpointOverride(TestDaemons.endpoint(d)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            for (int c = 0; c < CLIENTS; c++) {
                List<URI> mine = new ArrayList<>();
                for (int i = 0; i < PER_CLIENT; i++) {
                    String key = "c" + c + "/" + i;
                    mine.add(p.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(10))
                            .putObjectRequest(o -> o.bucket("group").key(key))).url().toURI());
                }
                urls.add(mine);
            }
        }
        return urls;
    }
}
