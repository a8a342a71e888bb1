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

    /**
     * Sets up the environment of an aws CLI or boto3 process: these keys, us-east-1, and nothing
     * inherited from this machine's AWS_* variables or ~/.aws, so the clients run with their defaults.
     */
    static void clientEnv(ProcessBuilder pb, Path home, RootCredentials c) {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretKey(),
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_CONFIG_FILE", home.resolve("aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("aws-credentials").toString(), "HOME", home.toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", ""));
    }

    /**
     * Runs a boto3 script from src/test/python against {@code endpoint} (then {@code args}) and returns what it printed;
     * fails the test unless it exits 0 within 3 minutes and prints {@code success}.
     */
    static String runBoto3(String script, URI endpoint, RootCredentials c, Path tmp, String success, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("python3",
                Path.of("src/test/python", script).toAbsolutePath().toString(), endpoint.toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        clientEnv(pb, tmp, c);
        Path out = tmp.resolve(script + ".out");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        org.junit.jupiter.api.Assertions.assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), script + " timed out");
        String text = java.nio.file.Files.readString(out);
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains(success), text);
        return text;
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
