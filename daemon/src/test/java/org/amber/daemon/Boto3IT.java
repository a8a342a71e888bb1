package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2's walk-through with boto3 (src/test/python/boto3_core.py) against bin/amberd. */
class Boto3IT {
    @TempDir
    Path tmp;

    @Test
    void boto3WalkThrough() throws Exception {
        try (Amberd amberd = Amberd.start(tmp.resolve("data"), tmp.resolve("amberd.log"))) {
            Path script = Path.of("src/test/python/boto3_core.py").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), amberd.endpoint().toString());
            pb.environment().putAll(Amberd.clientEnv(tmp));
            Path out = tmp.resolve("boto3.out");
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "boto3 script timed out");
            String text = Files.readString(out);
            assertEquals(0, p.exitValue(), text);
            assertTrue(text.contains("boto3: all checks passed"), text);
        }
    }
}
