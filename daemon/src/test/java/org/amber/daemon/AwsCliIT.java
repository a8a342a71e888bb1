package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2's walk-through with the aws CLI against the daemon started by bin/amberd. */
class AwsCliIT {
    @TempDir
    static Path tmp;
    static Amberd amberd;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        amberd = Amberd.start(tmp.resolve("data"), tmp.resolve("amberd.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        int code = amberd.terminate();
        assertTrue(code == 0 || code == 143, "amberd exits cleanly on SIGTERM, got " + code);
        String log = Files.readString(amberd.log);
        assertTrue(log.contains("amber stopped"), log);
    }

    static Run aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", amberd.endpoint().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        TestDaemons.clientEnv(pb, tmp, Amberd.ROOT);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " timed out");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Run ok(String... args) throws Exception {
        Run r = aws(args);
        assertEquals(0, r.exit(), () -> "aws " + String.join(" ", args) + " failed:\n" + r.err() + r.out());
        return r;
    }

    @Test
    void walkThrough() throws Exception {
        ok("s3", "mb", "s3://cli-bucket");
        byte[] data = TestDaemons.randomBytes(5 * 1024 * 1024 + 3, 11);
        Path src = tmp.resolve("upload.bin");
        Files.write(src, data);
        ok("s3", "cp", src.toString(), "s3://cli-bucket/dir/with space/upload.bin");
        Path back = tmp.resolve("download.bin");
        ok("s3", "cp", "s3://cli-bucket/dir/with space/upload.bin", back.toString());
        assertArrayEquals(data, Files.readAllBytes(back), "aws s3 cp up and down is byte-identical");
        assertTrue(ok("s3", "ls").out().contains("cli-bucket"));
        String ls = ok("s3", "ls", "s3://cli-bucket/dir/with space/").out();
        assertTrue(ls.contains("upload.bin") && ls.contains(Integer.toString(data.length)), ls);

        ok("s3api", "put-bucket-versioning", "--bucket", "cli-bucket", "--versioning-configuration", "Status=Enabled");
        assertEquals("Enabled", ok("s3api", "get-bucket-versioning", "--bucket", "cli-bucket").json().get("Status").asText());
        Path f1 = tmp.resolve("one.txt");
        Path f2 = tmp.resolve("two.txt");
        Files.writeString(f1, "first version");
        Files.writeString(f2, "second version");
        String v1 = ok("s3api", "put-object", "--bucket", "cli-bucket", "--key", "doc.txt", "--body", f1.toString())
                .json().get("VersionId").asText();
        String v2 = ok("s3api", "put-object", "--bucket", "cli-bucket", "--key", "doc.txt", "--body", f2.toString())
                .json().get("VersionId").asText();
        assertNotEquals(v1, v2);
        JsonNode versions = ok("s3api", "list-object-versions", "--bucket", "cli-bucket", "--prefix", "doc.txt").json();
        assertEquals(2, versions.get("Versions").size());
        assertEquals(v2, versions.get("Versions").get(0).get("VersionId").asText());
        assertTrue(versions.get("Versions").get(0).get("IsLatest").asBoolean());
        assertEquals(v1, versions.get("Versions").get(1).get("VersionId").asText());

        JsonNode marker = ok("s3api", "delete-object", "--bucket", "cli-bucket", "--key", "doc.txt").json();
        assertTrue(marker.get("DeleteMarker").asBoolean());
        String markerId = marker.get("VersionId").asText();
        versions = ok("s3api", "list-object-versions", "--bucket", "cli-bucket", "--prefix", "doc.txt").json();
        assertEquals(markerId, versions.get("DeleteMarkers").get(0).get("VersionId").asText());
        assertEquals(2, versions.get("Versions").size());
        Run head = aws("s3api", "head-object", "--bucket", "cli-bucket", "--key", "doc.txt");
        assertNotEquals(0, head.exit());
        assertTrue(head.err().contains("404"), head.err());

        JsonNode removed = ok("s3api", "delete-object", "--bucket", "cli-bucket", "--key", "doc.txt", "--version-id", v1).json();
        assertEquals(v1, removed.get("VersionId").asText());
        versions = ok("s3api", "list-object-versions", "--bucket", "cli-bucket", "--prefix", "doc.txt").json();
        assertEquals(1, versions.get("Versions").size());
        assertEquals(v2, versions.get("Versions").get(0).get("VersionId").asText());
        assertEquals(1, versions.get("DeleteMarkers").size());
        Path got = tmp.resolve("v2.txt");
        ok("s3api", "get-object", "--bucket", "cli-bucket", "--key", "doc.txt", "--version-id", v2, got.toString());
        assertEquals("second version", Files.readString(got, StandardCharsets.UTF_8));
    }

    @Test
    void errorsComeBackAsS3Errors() throws Exception {
        Run nsb = aws("s3api", "list-objects-v2", "--bucket", "no-such-bucket-here");
        assertNotEquals(0, nsb.exit());
        assertTrue(nsb.err().contains("NoSuchBucket"), nsb.err());
        Run bad = aws("s3api", "create-bucket", "--bucket", "Not_A_Valid_Name");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("InvalidBucketName"), bad.err());
    }
}
