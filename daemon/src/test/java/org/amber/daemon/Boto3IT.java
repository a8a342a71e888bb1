package org.amber.daemon;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2's walk-through with boto3 (src/test/python/boto3_core.py) against bin/amberd. */
class Boto3IT {
    @TempDir
    Path tmp;

    @Test
    void boto3WalkThrough() throws Exception {
        try (Amberd amberd = Amberd.start(tmp.resolve("data"), tmp.resolve("amberd.log"))) {
            TestDaemons.runBoto3("boto3_core.py", amberd.endpoint(), Amberd.ROOT, tmp, "boto3: all checks passed");
        }
    }
}
