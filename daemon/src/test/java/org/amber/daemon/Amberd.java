package org.amber.daemon;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real daemon as a separate process, started by {@code bin/amberd} exactly as the README does. */
final class Amberd implements AutoCloseable {
    static final RootCredentials ROOT = new RootCredentials("AMBERTESTROOTKEY0001", "amber-test-root-secret-key-0000000000000", false);
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    final Process process;
    final int s3Port;
    final int adminPort;
    final Path log;
    final Path data;

    private Amberd(Process process, int s3Port, int adminPort, Path log, Path data) {
        this.data = data;
        this.process = process;
        this.s3Port = s3Port;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** Starts {@code bin/amberd --data dir} on free loopback ports and waits until it is ready. */
    static Amberd start(Path data, Path log) throws IOException, InterruptedException {
        return start(data, log, true);
    }

    /**
     * As {@link #start(Path, Path)}; without {@code rootFromEnv} the daemon generates root keys itself;
     * {@code flags} go to amberd as they are.
     */
    static Amberd start(Path data, Path log, boolean rootFromEnv, String... flags) throws IOException, InterruptedException {
        return startWithJavaOpts("-Xmx512m", data, log, rootFromEnv, flags);
    }

    /** As {@link #start(Path, Path, boolean, String...)}, with these JVM options (AMBER_JAVA_OPTS) instead of -Xmx512m. */
    static Amberd startWithJavaOpts(String javaOpts, Path data, Path log, boolean rootFromEnv, String... flags)
            throws IOException, InterruptedException {
        // A port found free can be taken (by some client's outgoing connection) before the daemon's JVM
        // binds it; the daemon then exits before it serves anything, and is started again on other ports.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(javaOpts, data, log, rootFromEnv, flags);
            } catch (PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static Amberd startOnFreePorts(String javaOpts, Path data, Path log, boolean rootFromEnv, String... flags)
            throws IOException, InterruptedException {
        int s3 = freePort();
        int admin = freePort();
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/amberd").toString(), "--data", data.toString(),
                "--s3-address", "127.0.0.1:" + s3, "--admin-address", "127.0.0.1:" + admin));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove(RootCredentials.ACCESS_ENV);
        pb.environment().remove(RootCredentials.SECRET_ENV);
        if (rootFromEnv) {
            pb.environment().put(RootCredentials.ACCESS_ENV, ROOT.accessKeyId());
            pb.environment().put(RootCredentials.SECRET_ENV, ROOT.secretKey());
        }
        pb.environment().put("AMBER_JAVA_OPTS", javaOpts);
        Amberd a = new Amberd(pb.start(), s3, admin, log, data);
        a.awaitReady(Duration.ofSeconds(60));
        return a;
    }

    private void awaitReady(Duration max) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                String message = "amberd exited with " + process.exitValue() + ":\n" + output;
                throw output.contains("could not start HTTP") && output.contains("Address already in use")
                        ? new PortTakenException(message) : new IOException(message);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("amberd not ready after " + max + ":\n" + Files.readString(log));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + s3Port);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code writers} copies of {@code writer} (each gets its index and a stop flag, and returns when
     * the flag is set or the daemon is gone) and SIGKILLs the daemon {@code killAfterMs} into the load.
     */
    void killUnderLoad(int writers, int killAfterMs, java.util.function.BiConsumer<Integer, java.util.concurrent.atomic.AtomicBoolean> writer)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int index = w;
            pool.submit(() -> writer.accept(index, stop));
        }
        Thread.sleep(killAfterMs);
        kill();
        stop.set(true);
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("writers did not stop within 60 s of the kill");
        }
    }

    /** SIGTERM and wait for the orderly stop. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("amberd did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The daemon could not bind a port found free a moment before. */
    private static final class PortTakenException extends IOException {
        PortTakenException(String message) {
            super(message);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
