package org.amber.daemon;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.amber.journal.SegmentStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Starts real daemons on loopback (port 0, a temp data dir) and real SDK clients for them. */
final class TestDaemons {
    private TestDaemons() {
    }

    static Config config(Path dir) {
        return Config.from(Map.of("data", dir.toString(), "s3-address", "127.0.0.1:0", "admin-address", "127.0.0.1:0"));
    }

    static Daemon start(Path dir) throws IOException {
        return Daemon.start(config(dir));
    }

    static Daemon start(Path dir, SegmentStore.ChannelOpener opener) throws IOException {
        return Daemon.start(config(dir), Clock.systemUTC(), opener);
    }

    static URI endpoint(Daemon d) {
        return URI.create("http://127.0.0.1:" + d.s3Port());
    }

    /**
     * An SDK v2 client with plain (non aws-chunked) bodies: aws-chunked uploads arrive with issue 3.
     * Over http the SDK signs the payload, so the body's SHA-256 is checked.
     */
    static S3Client client(Daemon d, RootCredentials c) {
        return client(endpoint(d), c.accessKeyId(), c.secretKey());
    }

    static S3Client client(URI endpoint, String accessKey, String secret) {
        return builder(endpoint, accessKey, secret).build();
    }

    /** A client that never retries: a crash test must see each failure, not a later retry. */
    static S3Client noRetryClient(URI endpoint, String accessKey, String secret) {
        return builder(endpoint, accessKey, secret)
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    private static software.amazon.awssdk.services.s3.S3ClientBuilder builder(URI endpoint, String accessKey, String secret) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.builder().maxConnections(64).build());
    }

    /** {@code n} pseudo-random bytes, the same for the same seed. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** The value of a metric sample line in Prometheus text format, e.g. {@code amber_journal_syncs_total}. */
    static double metric(Daemon d, String sample) throws IOException, InterruptedException {
        var http = java.net.http.HttpClient.newHttpClient();
        String body = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + d.adminPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + sample + " in:\n" + body);
    }
}
