package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3 with its default checksum settings (src/test/python/boto3_checksums.py) against an in-process daemon. */
class ChecksumBoto3Test {
    @TempDir
    Path tmp;

    @Test
    void boto3DefaultsUploadWithChecksums() throws Exception {
        try (Daemon daemon = TestDaemons.start(tmp.resolve("data"))) {
            RootCredentials root = daemon.newRootCredentials().orElseThrow();
            Path script = Path.of("src/test/python/boto3_checksums.py").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), TestDaemons.endpoint(daemon).toString());
            Map<String, String> env = pb.environment();
            // boto3's defaults, whatever this machine's environment says.
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.putAll(Map.of("AWS_ACCESS_KEY_ID", root.accessKeyId(), "AWS_SECRET_ACCESS_KEY", root.secretKey(),
                    "AWS_CONFIG_FILE", tmp.resolve("aws-config").toString(),
                    "AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("aws-credentials").toString(),
                    "AWS_EC2_METADATA_DISABLED", "true", "HOME", tmp.toString()));
            Path out = tmp.resolve("boto3.out");
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "boto3 script timed out");
            String text = Files.readString(out);
            assertEquals(0, p.exitValue(), text);
            assertTrue(text.contains("boto3 checksums: all checks passed"), text);
        }
    }
}
