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
 * Group commit: 64 concurrent 4 KiB PUTs share fdatasyncs and journal syncs, and the commit delay. The PUTs go through
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
            double syncs0 = TestDaemons.metric(d, "amber_journal_syncs_total");
            double fsyncs0 = TestDaemons.metric(d, "amber_segment_fdatasyncs_total");
            int puts = CLIENTS * PER_CLIENT;
            double seconds = putConcurrently(d, root, "group", CLIENTS, PER_CLIENT);
            double syncs = TestDaemons.metric(d, "amber_journal_syncs_total") - syncs0;
            double fsyncs = TestDaemons.metric(d, "amber_segment_fdatasyncs_total") - fsyncs0;
            double commitSeconds = TestDaemons.metric(d, "amber_commit_duration_seconds_sum");
            double commits = TestDaemons.metric(d, "amber_commit_duration_seconds_count");
            System.out.printf("group commit: %d PUTs in %.2f s (%.0f/s), %.0f journal syncs, %.0f segment fdatasyncs"
                    + " (%.1f PUTs per journal sync), mean commit %.2f ms%n",
                    puts, seconds, puts / seconds, syncs, fsyncs, puts / syncs, 1000 * commitSeconds / commits);
            assertTrue(syncs > 0 && fsyncs > 0, "syncs happened and are counted");
            // Measured on the 2-core box with the clients in this JVM: 5.6-12 PUTs per sync; one sync per
            // request (no group commit) would be 2,560. The bound leaves room for a noisy machine.
            assertTrue(syncs <= puts / 4.0, "journal syncs " + syncs + " should be far fewer than " + puts + " PUTs");
            assertTrue(fsyncs <= puts / 4.0, "segment fdatasyncs " + fsyncs + " should be far fewer than " + puts + " PUTs");
        }
    }

    /**
     * The commit delay, made long (50 ms) so that it shows: under load every commit of eight or more records is
     * followed by the delay, so there can be at most one such commit per 50 ms; a lone client's commits hold one
     * record each and are never delayed.
     */
    @Test
    void aCommitDelayFollowsBusyCommitsOnlyAndEveryPutStillLands() throws Exception {
        java.util.Map<String, String> m = new java.util.HashMap<>(java.util.Map.of("data", dir.toString(),
                "s3-address", "127.0.0.1:0", "admin-address", "127.0.0.1:0", "commit-delay-micros", "50000"));
        try (Daemon d = Daemon.start(Config.from(m))) {
            RootCredentials root = d.newRootCredentials().orElseThrow();
            double lone = putConcurrently(d, root, "lone", 1, 20);
            assertTrue(lone < 20 * 0.050 / 2, "20 PUTs of one client took " + lone + " s: its commits were delayed");

            double syncs0 = TestDaemons.metric(d, "amber_journal_syncs_total");
            double seconds = putConcurrently(d, root, "busy", CLIENTS, 10);
            double syncs = TestDaemons.metric(d, "amber_journal_syncs_total") - syncs0;
            System.out.printf("commit delay 50 ms: %d PUTs in %.2f s, %.0f journal syncs%n", CLIENTS * 10, seconds, syncs);
            // Commits of fewer than eight records (at the start and the end of the load) are not delayed: a few more.
            assertTrue(syncs <= seconds / 0.050 + 12, syncs + " journal syncs in " + seconds + " s: the delay did not follow them");
        }
    }

    /**
     * {@code clients} clients PUT {@code perClient} 4 KiB objects each into a new bucket, all starting together;
     * every PUT must get a 200 and the bucket then lists every object. Returns the seconds the PUTs took.
     */
    private static double putConcurrently(Daemon d, RootCredentials root, String bucket, int clients, int perClient) throws Exception {
        try (S3Client s3 = TestDaemons.client(d, root)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        List<List<URI>> urls = presign(d, root, bucket, clients, perClient);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        byte[] body = TestDaemons.randomBytes(4096, 3);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CyclicBarrier go = new CyclicBarrier(clients);
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
        try (S3Client s3 = TestDaemons.client(d, root)) {
            assertEquals(clients * perClient, s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().count());
        }
        return seconds;
    }

    private static List<List<URI>> presign(Daemon d, RootCredentials root, String bucket, int clients, int perClient) throws Exception {
        List<List<URI>> urls = new ArrayList<>();
        try (S3Presigner p = S3Presigner.builder().endpointOverride(TestDaemons.endpoint(d)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            for (int c = 0; c < clients; c++) {
                List<URI> mine = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    String key = "c" + c + "/" + i;
                    mine.add(p.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(10))
                            .putObjectRequest(o -> o.bucket(bucket).key(key))).url().toURI());
                }
                urls.add(mine);
            }
        }
        return urls;
    }
}
