package org.amber.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build made: its contents, lintian, installing it with dpkg (twice: an upgrade keeps the
 * configuration), systemd-analyze verify on the installed unit, and the installed launcher speaking systemd's
 * notify protocol (READY=1 after S3 serves, WATCHDOG=1 while the pipeline moves, STOPPING=1 on SIGTERM and a
 * clean exit with nothing lost). Needs root, as dpkg -i does; .ci/run runs as root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageIT {
    static final Path DEB = Path.of("target/amber_0.1.0_all.deb");
    static final String ROOT_KEY = "AMBERPKGTESTROOT0001";
    static final String ROOT_SECRET = "amber-package-test-root-secret-000000000";

    @TempDir
    Path tmp;

    record Run(int exit, String out) {
    }

    static Run run(List<String> cmd, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), cmd + " timed out");
        return new Run(p.exitValue(), out);
    }

    static Run run(String... cmd) throws Exception {
        return run(List.of(cmd), java.util.Map.of());
    }

    static Run ok(String... cmd) throws Exception {
        Run r = run(cmd);
        assertEquals(0, r.exit(), () -> String.join(" ", cmd) + ":\n" + r.out());
        return r;
    }

    @Test
    @Order(1)
    void theFilesAreWhereTheUnitExpectsThem() throws Exception {
        String listing = ok("dpkg-deb", "-c", DEB.toString()).out();
        for (String expected : List.of("-rwxr-xr-x root/root .* ./usr/lib/amber/bin/amberd$", "-rwxr-xr-x root/root .* ./usr/lib/amber/bin/amberctl$",
                "./usr/bin/amberd -> ../lib/amber/bin/amberd$", "./usr/bin/amberctl -> ../lib/amber/bin/amberctl$",
                "-rw-r--r-- root/root .* ./usr/lib/amber/amber-daemon.jar$", "./usr/lib/amber/lib/jetty-server-.*\\.jar$",
                "./usr/lib/amber/lib/chronicle-queue-.*\\.jar$", "-rw-r--r-- root/root .* ./lib/systemd/system/amber.service$",
                "./usr/lib/sysusers.d/amber.conf$", "./usr/lib/tmpfiles.d/amber.conf$", "-rw-r--r-- root/root .* ./etc/amber/amber.conf$",
                "./usr/share/doc/amber/copyright$", "./usr/share/doc/amber/changelog.gz$")) {
            assertTrue(listing.lines().anyMatch(l -> java.util.regex.Pattern.compile(expected).matcher(l).find()),
                    "dpkg -c lists no " + expected + ":\n" + listing);
        }
        assertFalse(listing.contains("junit"), "no test jars in the package");
        assertEquals("/etc/amber/amber.conf", ok("dpkg-deb", "-I", DEB.toString(), "conffiles").out().trim());
        String unit = Files.readString(Path.of("amber.service"));
        assertTrue(unit.contains("ExecStart=/usr/bin/amberd --config /etc/amber/amber.conf"));
        assertTrue(unit.contains("ReadWritePaths=/var/lib/amber"));
    }

    @Test
    @Order(2)
    void lintianReportsNoErrors() throws Exception {
        Run r = run("lintian", "--tag-display-limit", "0", DEB.toString());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("E:")), r.out());
        assertTrue(r.exit() == 0 || r.exit() == 1 && !r.out().contains("E:"), r.out());
    }

    @Test
    @Order(3)
    void installsWithDpkgAndAnUpgradeKeepsTheConfiguration() throws Exception {
        ok("dpkg", "-i", DEB.toString());
        assertTrue(Files.isExecutable(Path.of("/usr/bin/amberd")));
        assertTrue(Files.isRegularFile(Path.of("/usr/lib/amber/amber-daemon.jar")));
        ok("id", "amber");
        PosixFileAttributes data = Files.readAttributes(Path.of("/var/lib/amber"), PosixFileAttributes.class);
        assertEquals("amber", data.owner().getName());
        Run verify = run("systemd-analyze", "verify", "/lib/systemd/system/amber.service");
        assertEquals(0, verify.exit(), verify.out());
        assertTrue(verify.out().isBlank(), verify.out());
        // The operator edits the config; installing the package again (an upgrade) keeps the edit.
        Path conf = Path.of("/etc/amber/amber.conf");
        String edited = Files.readString(conf).replace("reclaim-interval-seconds = 60", "reclaim-interval-seconds = 90");
        Files.writeString(conf, edited);
        Files.writeString(Path.of("/var/lib/amber/marker"), "data stays\n");
        ok("dpkg", "-i", "--force-confold", DEB.toString());
        assertEquals(edited, Files.readString(conf));
        assertEquals("data stays\n", Files.readString(Path.of("/var/lib/amber/marker")));
        Files.delete(Path.of("/var/lib/amber/marker"));
    }

    @Test
    @Order(4)
    void theInstalledLauncherSpeaksSystemdsNotifyProtocol() throws Exception {
        Path socket = tmp.resolve("notify.sock");
        Process listener = new ProcessBuilder("python3", Path.of("src/test/python/notify_listener.py").toAbsolutePath().toString(),
                socket.toString()).redirectErrorStream(true).start();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("listening", in.readLine());
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    messages.add(line.substring(line.indexOf(' ') + 1));
                }
            } catch (IOException e) {
                // the listener was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        int s3 = freePort();
        int admin = freePort();
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("amberd.log");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/amberd", "--data", data.toString(), "--s3-address", "127.0.0.1:" + s3,
                "--admin-address", "127.0.0.1:" + admin).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(java.util.Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "1000000",
                "AMBER_ROOT_ACCESS_KEY", ROOT_KEY, "AMBER_ROOT_SECRET_KEY", ROOT_SECRET, "AMBER_JAVA_OPTS", "-Xmx512m"));
        Process amberd = pb.start();
        try {
            String first = messages.poll(60, TimeUnit.SECONDS);
            assertEquals("STATUS=starting: replaying the journal", first, Files.readString(log));
            String ready = messages.poll(60, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.startsWith("READY=1|STATUS=serving S3 on 127.0.0.1:" + s3), ready + "\n" + Files.readString(log));
            // READY=1 came only once S3 serves: a signed request succeeds straight away.
            Path file = Files.writeString(tmp.resolve("f.txt"), "kept across a clean stop\n");
            aws(s3, "s3", "mb", "s3://notify-test");
            aws(s3, "s3", "cp", file.toString(), "s3://notify-test/f.txt");
            // WATCHDOG=1 every half second while the pipeline answers its probes.
            messages.clear();
            long t0 = System.nanoTime();
            int pings = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3)) {
                String m = messages.poll(1, TimeUnit.SECONDS);
                if ("WATCHDOG=1".equals(m)) {
                    pings++;
                }
            }
            assertTrue(pings >= 4 && pings <= 8, "watchdog pings in 3 s: " + pings);
            // SIGTERM: STOPPING=1, then a clean exit.
            amberd.destroy();
            assertTrue(amberd.waitFor(60, TimeUnit.SECONDS));
            List<String> rest = new ArrayList<>();
            messages.drainTo(rest);
            Thread.sleep(200);
            messages.drainTo(rest);
            assertTrue(rest.stream().anyMatch(m -> m.startsWith("STOPPING=1")), rest.toString());
            assertEquals("STATUS=stopped cleanly", rest.get(rest.size() - 1), rest.toString());
            assertEquals(143, amberd.exitValue(), "the JVM's exit status after SIGTERM (SuccessExitStatus=143 in the unit)");
            assertTrue(Files.readString(log).contains("clean shutdown") || Files.readString(log).contains("stopping"), Files.readString(log));
        } finally {
            amberd.destroyForcibly();
            listener.destroyForcibly();
        }
        // Nothing lost: a fresh start sees the object.
        ProcessBuilder again = new ProcessBuilder("/usr/bin/amberd", "--data", data.toString(), "--s3-address", "127.0.0.1:" + s3,
                "--admin-address", "127.0.0.1:" + admin).redirectErrorStream(true).redirectOutput(tmp.resolve("amberd-2.log").toFile());
        again.environment().put("AMBER_JAVA_OPTS", "-Xmx512m");
        Process second = again.start();
        try {
            Run got = awaitAws(s3, "s3", "cp", "s3://notify-test/f.txt", "-");
            assertEquals("kept across a clean stop\n", got.out());
            assertTrue(Files.readString(tmp.resolve("amberd-2.log")).contains("clean shutdown"), Files.readString(tmp.resolve("amberd-2.log")));
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(5)
    void purgingRemovesTheConfigurationAndKeepsTheData() throws Exception {
        Path kept = Path.of("/var/lib/amber/purge-marker");
        Files.writeString(kept, "a WORM store outlives its package\n");
        ok("dpkg", "--purge", "amber");
        assertFalse(Files.exists(Path.of("/usr/bin/amberd")));
        assertFalse(Files.exists(Path.of("/etc/amber/amber.conf")));
        assertEquals("a WORM store outlives its package\n", Files.readString(kept));
        Files.delete(kept);
        // Asked explicitly, purging removes the data too.
        ok("dpkg", "-i", DEB.toString());
        Files.writeString(kept, "x\n");
        Run purge = run(List.of("dpkg", "--purge", "amber"), java.util.Map.of("AMBER_PURGE_DATA", "yes"));
        assertEquals(0, purge.exit(), purge.out());
        assertFalse(Files.exists(Path.of("/var/lib/amber")));
    }

    private Run aws(int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", "http://127.0.0.1:" + port));
        cmd.addAll(List.of(args));
        Run r = run(cmd, clientEnv());
        assertEquals(0, r.exit(), () -> cmd + ":\n" + r.out());
        return r;
    }

    /** Retries until the daemon serves (a fresh start without NOTIFY_SOCKET gives no READY to wait for). */
    private Run awaitAws(int port, String... args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", "http://127.0.0.1:" + port));
            cmd.addAll(List.of(args));
            Run r = run(cmd, clientEnv());
            if (r.exit() == 0 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    private java.util.Map<String, String> clientEnv() {
        return java.util.Map.of("AWS_ACCESS_KEY_ID", ROOT_KEY, "AWS_SECRET_ACCESS_KEY", ROOT_SECRET, "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", tmp.resolve("aws-config").toString(), "AWS_SHARED_CREDENTIALS_FILE",
                tmp.resolve("aws-credentials").toString(), "AWS_EC2_METADATA_DISABLED", "true");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
