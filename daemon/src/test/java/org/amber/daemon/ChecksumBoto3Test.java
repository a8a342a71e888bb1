package org.amber.daemon;

import java.nio.file.Path;
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
            TestDaemons.runBoto3("boto3_checksums.py", TestDaemons.endpoint(daemon), root, tmp, "boto3 checksums: all checks passed");
        }
    }
}
