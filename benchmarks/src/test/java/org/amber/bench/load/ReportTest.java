package org.amber.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step run several times reports its median run whole: that run's throughput, latencies and CPU together. */
class ReportTest {
    @TempDir
    Path dir;

    @Test
    void theMedianRunIsReportedWithItsOwnLatenciesAndCpu() throws Exception {
        Workload.Measured slow = new Workload.Measured(1_000, 0, 1.0, new long[] {9_000_000}, 0.1, 0.5);
        Workload.Measured middle = new Workload.Measured(3_000, 0, 1.0, new long[] {2_000_000}, 0.2, 1.2);
        Workload.Measured fast = new Workload.Measured(5_000, 0, 1.0, new long[] {1_000_000}, 0.3, 1.9);
        Report r = new Report();
        r.latency("PUT 4 KiB, c=64", "put4k_c64", List.of(fast, slow, middle));
        Path tsv = dir.resolve("r.tsv");
        r.write(tsv);
        List<String> lines = Files.readAllLines(tsv);
        assertTrue(lines.contains("put4k_c64.ops_per_s\t3000.0000"), lines::toString);
        assertTrue(lines.contains("put4k_c64.p50_ms\t2.0000"), lines::toString);
        assertTrue(lines.contains("put4k_c64.server_cores\t1.2000"), lines::toString);
        assertTrue(lines.contains("put4k_c64.runs\t3.0000"), lines::toString);
        String row = r.markdown().lines().filter(l -> l.startsWith("| PUT 4 KiB")).findFirst().orElseThrow();
        assertEquals("| PUT 4 KiB, c=64 | 3,000 ops/s (runs: 5,000, 1,000, 3,000) | 2.00 | 2.00 | 2.00 | 0.20 | 1.20 |", row);
    }

    @Test
    void aSingleRunIsReportedWithoutARunsList() throws Exception {
        Report r = new Report();
        r.latency("mixed", "mixed", new Workload.Measured(2_000, 0, 2.0, new long[] {1_000_000, 3_000_000}, 0.1, 0.4));
        String row = r.markdown().lines().filter(l -> l.startsWith("| mixed")).findFirst().orElseThrow();
        assertEquals("| mixed | 1,000 ops/s | 1.00 | 3.00 | 3.00 | 0.10 | 0.40 |", row);
    }
}
