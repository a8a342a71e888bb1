package org.amber.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * amber-bench against the real daemon ({@code bin/amberd}) with every workload at toy sizes: each
 * figure must come out, and a request the server refuses must fail the run, never count as done.
 */
class AmberBenchIT {
    private static final String AK = "AMBERBENCHITKEY00001";
    private static final String SK = "amber-bench-it-secret-000000000000000000";
    @TempDir
    static Path dir;
    private static Process amberd;
    private static int s3Port;

    @BeforeAll
    static void start() throws Exception {
        s3Port = freePort();
        int admin = freePort();
        Path repo = Path.of("").toAbsolutePath().getParent();
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("bin/amberd").toString(), "--data", dir.resolve("data").toString(),
                "--s3-address", "127.0.0.1:" + s3Port, "--admin-address", "127.0.0.1:" + admin)
                .redirectErrorStream(true).redirectOutput(dir.resolve("amberd.log").toFile());
        pb.environment().put("AMBER_ROOT_ACCESS_KEY", AK);
        pb.environment().put("AMBER_ROOT_SECRET_KEY", SK);
        pb.environment().put("AMBER_JAVA_OPTS", "-Xmx512m");
        amberd = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(amberd.isAlive(), () -> "amberd exited: " + log());
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("amberd not ready: " + log());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (amberd != null) {
            amberd.destroy();
            amberd.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyWorkloadReportsItsFigures() throws Exception {
        Path out = dir.resolve("figures.tsv");
        AmberBench.main(new String[] {"--endpoint", "http://127.0.0.1:" + s3Port, "--access-key", AK, "--secret-key", SK,
            "--server-pid", Long.toString(amberd.pid()), "--out", out.toString(), "--seconds", "1", "--concurrency", "1,4",
            "--large-mib", "12", "--part-mib", "5", "--parallel", "2", "--repeats", "1", "--list-keys", "120",
            "--versions", "40", "--workloads", "put,large,list,retention,mixed,fill", "--fill-versions", "200",
            "--bucket-prefix", "it"});
        Map<String, Double> f = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            String[] kv = line.split("\t");
            f.put(kv[0], Double.parseDouble(kv[1]));
        }
        for (String name : List.of("put4k_c1.ops_per_s", "put4k_c4.ops_per_s", "put4k_c4.p50_ms", "put4k_c4.p999_ms",
                "put_large.mb_per_s", "get_large.mb_per_s", "put_multipart.mb_per_s", "get_multipart.mb_per_s",
                "list.keys_per_s", "retention.ops_per_s", "mixed.ops_per_s", "fill.ops_per_s", "put4k_c4.client_cores",
                "put4k_c4.server_cores")) {
            assertTrue(f.getOrDefault(name, 0.0) > 0, () -> name + " missing or zero in " + f);
        }
        assertTrue(f.get("put4k_c4.p50_ms") <= f.get("put4k_c4.p999_ms"));
        // The objects are really there: the listing workload checked its own count; check one of the puts too.
        try (S3Client s3 = new S3Client(new S3Client.Target(URI.create("http://127.0.0.1:" + s3Port), AK, SK, "us-east-1"))) {
            assertEquals(12L << 20, s3.head("it-large", "single-0"));
            assertEquals(120, s3.list("it-list", "k/", null, 1000).keys().size());
        }
    }

    @Test
    void aRefusedRequestFailsTheRunInsteadOfCounting() {
        IOException e = assertThrows(IOException.class, () -> AmberBench.main(new String[] {"--endpoint",
            "http://127.0.0.1:" + s3Port, "--access-key", AK, "--secret-key", "not-the-secret-key-0000000000000000000000",
            "--seconds", "1", "--concurrency", "1", "--workloads", "put", "--bucket-prefix", "refused"}));
        assertTrue(e.getMessage().contains("403"), e::getMessage);
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("amberd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
