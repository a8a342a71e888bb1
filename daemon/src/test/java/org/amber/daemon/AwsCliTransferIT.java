package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's transfers with the aws CLI and its default settings against bin/amberd: {@code s3 sync} of
 * a tree with awkward names and a 200 MiB file (multipart) up, down, again and with {@code --delete};
 * {@code s3 cp -} of 300 MiB from a pipe and back out to one.
 */
class AwsCliTransferIT {
    static final int MIB = 1 << 20;

    @TempDir
    static Path tmp;
    static Amberd amberd;

    @BeforeAll
    static void start() throws Exception {
        amberd = Amberd.start(tmp.resolve("data"), tmp.resolve("amberd.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        amberd.terminate();
    }

    @Test
    void syncATreeUpDownAgainAndWithDelete() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        List<String> names = generateTree(src);
        ok("s3", "mb", "s3://sync-tree");
        ok("s3", "sync", src.toString(), "s3://sync-tree/");

        String big = "media/large file ü.bin";
        String etag = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ok("s3api", "head-object", "--bucket", "sync-tree", "--key", big).out()).get("ETag").asText();
        assertTrue(etag.matches("\"[0-9a-f]{32}-\\d+\""), "the 200 MiB file went up in parts: " + etag);

        Path down = Files.createDirectories(tmp.resolve("down"));
        ok("s3", "sync", "s3://sync-tree/", down.toString());
        assertSameTree(src, down);

        String again = ok("s3", "sync", src.toString(), "s3://sync-tree/").out();
        assertTrue(lines(again, "upload:").isEmpty(), "a second sync transfers nothing:\n" + again);

        List<String> gone = List.of(names.get(3), names.get(50), names.get(120), names.get(200), big);
        for (String rel : gone) {
            Files.delete(src.resolve(rel));
        }
        String deleted = ok("s3", "sync", src.toString(), "s3://sync-tree/", "--delete").out();
        assertEquals(gone.size(), lines(deleted, "delete:").size(), deleted);
        assertTrue(lines(deleted, "upload:").isEmpty(), deleted);
        Set<String> remote = new TreeSet<>();
        for (var n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                ok("s3api", "list-objects-v2", "--bucket", "sync-tree").out()).get("Contents")) {
            remote.add(n.get("Key").asText());
        }
        assertEquals(relativeFiles(src), remote, "sync --delete removed exactly the deleted files' keys");
    }

    @Test
    void copyFromAPipeOfUnknownLengthAndBackToOne() throws Exception {
        ok("s3", "mb", "s3://pipe-bucket");
        long size = 300L * MIB;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        Process up = start("s3", "cp", "-", "s3://pipe-bucket/streamed.bin");
        try (OutputStream in = up.getOutputStream()) {
            Random rnd = new Random(300);
            byte[] buf = new byte[MIB];
            for (long n = 0; n < size; n += buf.length) {
                rnd.nextBytes(buf);
                sent.update(buf);
                in.write(buf);
            }
        }
        assertEquals(0, finish(up), "aws s3 cp - s3://… from a pipe");

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        Process downProc = start("s3", "cp", "s3://pipe-bucket/streamed.bin", "-");
        long count = 0;
        try (InputStream out = downProc.getInputStream()) {
            byte[] buf = new byte[MIB];
            for (int n; (n = out.read(buf)) > 0; ) {
                received.update(buf, 0, n);
                count += n;
            }
        }
        assertEquals(0, finish(downProc));
        assertEquals(size, count);
        assertArrayEquals(sent.digest(), received.digest(), "what came out of the pipe is what went in");
    }

    /** About 300 small files in nested folders with unicode, spaces, + and %, and one 200 MiB file. */
    private static List<String> generateTree(Path root) throws IOException {
        String[] dirs = {"", "docs/", "docs/2026 reports/", "fotos ü/", "fotos ü/日本/", "a+b/c%20d/", "deep/er/and/deeper/"};
        String[] stems = {"file", "notes & things", "résumé", "space  twice", "plus+sign", "percent%41", "emoji-\uD83D\uDCE6"};
        Random rnd = new Random(42);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String rel = dirs[i % dirs.length] + stems[rnd.nextInt(stems.length)] + " " + i + ".dat";
            byte[] b = new byte[rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(64 * 1024)];
            rnd.nextBytes(b);
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, b);
            names.add(rel);
        }
        Path big = root.resolve("media/large file ü.bin");
        Files.createDirectories(big.getParent());
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] buf = new byte[MIB];
            for (int i = 0; i < 200; i++) {
                rnd.nextBytes(buf);
                out.write(buf);
            }
        }
        return names;
    }

    private static void assertSameTree(Path a, Path b) throws IOException {
        Set<String> left = relativeFiles(a);
        assertEquals(left, relativeFiles(b), "the same files, by relative path");
        for (String rel : left) {
            assertEquals(-1L, Files.mismatch(a.resolve(rel), b.resolve(rel)), "content of " + rel);
        }
    }

    private static Set<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> lines(String out, String prefix) {
        return out.lines().map(l -> l.substring(l.lastIndexOf('\r') + 1)).filter(l -> l.startsWith(prefix)).toList();
    }

    private static Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", amberd.endpoint().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("aws-err.txt").toFile()));
        TestDaemons.clientEnv(pb, tmp, Amberd.ROOT);
        return pb.start();
    }

    private static int finish(Process p) throws Exception {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws timed out");
        }
        if (p.exitValue() != 0) {
            System.out.println(Files.readString(tmp.resolve("aws-err.txt")));
        }
        return p.exitValue();
    }

    private static AwsCliIT.Run ok(String... args) throws Exception {
        Process p = start(args);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        p.getOutputStream().close();
        int code = finish(p);
        String text = out.get(10, TimeUnit.SECONDS);
        assertEquals(0, code, () -> "aws " + String.join(" ", args) + " failed:\n" + text);
        return new AwsCliIT.Run(code, text, "");
    }
}
