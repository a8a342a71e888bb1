package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.amber.lockd.event.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path tmp;

    @Test
    void appendedRecordsReplayInOrderAfterReopen() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = records(new Random(1), 1, 5_000);
        try (Journal j = Journal.open(dir)) {
            assertEquals(0, j.replay(r -> { }).records());
            for (int i = 0; i < written.size(); i++) {
                j.append(written.get(i));
                if (i % 64 == 63) {
                    j.sync();
                }
            }
            j.sync();
            j.sync();
            assertEquals((5_000 + 63) / 64, j.syncCount());
        }
        List<Recorded> replayed = new ArrayList<>();
        ReplayReport report;
        try (Journal j = Journal.open(dir)) {
            report = j.replay(replayed::add);
        }
        assertEquals(describe(written), describe(replayed));
        assertEquals(5_000, report.records());
        assertEquals(5_000, report.lastSeq());
        assertFalse(report.cleanShutdown());
        assertEquals(describe(written.subList(5_000 - ReplayReport.NEWEST_KEPT, 5_000)), describe(report.sinceLastCleanShutdown()),
                "the newest records since the last clean shutdown, no more");
        assertNull(report.tornTail());
    }

    /**
     * Every chunk the appender maps is advised against readahead (VmFlags "rr"), including the next
     * one after a chunk boundary: with readahead, large page-cache folios made each commit's msync
     * write up to 2 MiB (RandomAccessAdvice).
     */
    @Test
    void theAppendersChunksAreAdvisedAgainstReadahead() throws Exception {
        Path dir = tmp.resolve("journal");
        Random rnd = new Random(7);
        Map<String, String> seen = new TreeMap<>();
        try (Journal j = Journal.open(dir)) {
            j.replay(r -> { });
            for (long seq = 1; seen.size() < 2 && seq < 2_000_000; seq++) {
                j.append(SampleRecords.random(rnd, seq));
                if (seq % 512 == 0) {
                    j.sync();
                    seen.putAll(cycleFileMappings(dir));
                }
            }
        }
        assertEquals(2, seen.size(), "the appender crossed into a second chunk: " + seen);
        seen.forEach((range, flags) -> assertTrue(flags.contains(" rr"), range + " has VmFlags" + flags));
    }

    /** The process's mappings of the journal's cycle files: address range to VmFlags (from /proc/self/smaps). */
    private static Map<String, String> cycleFileMappings(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        String range = null;
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                range = line.endsWith(".cq4") && line.contains(dir.toString()) ? line.substring(0, line.indexOf(' ')) : null;
            } else if (range != null && line.startsWith("VmFlags:")) {
                out.put(range, line.substring("VmFlags:".length()));
            }
        }
        return out;
    }

    @Test
    void emptyJournalReplaysAsClean() throws Exception {
        try (Journal j = Journal.open(tmp.resolve("journal"))) {
            ReplayReport report = j.replay(r -> { });
            assertEquals(new ReplayReport(0, 0, true, List.of(), null, -1), report);
            j.sync();
            assertEquals(0, j.syncCount());
        }
    }

    @Test
    void recordsAfterTheLastCleanShutdownAreReported() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> all = records(new Random(2), 1, 13);
        try (Journal j = Journal.open(dir)) {
            j.replay(r -> { });
            all.subList(0, 10).forEach(j::append);
            j.sync();
            j.markCleanShutdown();
        }
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replay(r -> { });
            assertTrue(report.cleanShutdown());
            assertEquals(List.of(), report.sinceLastCleanShutdown());
            assertEquals(10, report.lastSeq());
            all.subList(10, 13).forEach(j::append);
            j.sync();
        }
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replay(r -> { });
            assertFalse(report.cleanShutdown());
            assertEquals(13, report.records());
            assertEquals(describe(all.subList(10, 13)), describe(report.sinceLastCleanShutdown()));
        }
    }

    @Test
    void replayRunsOnceAndBeforeAnyWrite() throws Exception {
        try (Journal j = Journal.open(tmp.resolve("journal"))) {
            Recorded first = records(new Random(3), 1, 1).get(0);
            assertThrows(IllegalStateException.class, () -> j.append(first));
            assertThrows(IllegalStateException.class, j::sync);
            j.replay(r -> { });
            assertThrows(IllegalStateException.class, () -> j.replay(r -> { }));
        }
    }

    @Test
    void appendRefusesASeqThatDoesNotFollow() throws Exception {
        try (Journal j = Journal.open(tmp.resolve("journal"))) {
            j.replay(r -> { });
            List<Recorded> rs = records(new Random(4), 1, 3);
            assertThrows(IllegalArgumentException.class, () -> j.append(records(new Random(4), 0, 1).get(0)));
            j.append(rs.get(0));
            assertThrows(IllegalArgumentException.class, () -> j.append(rs.get(2)));
            assertThrows(IllegalArgumentException.class, () -> j.append(rs.get(0)));
            j.append(rs.get(1));
        }
    }

    @Test
    void aSeqGapOrRegressionInTheJournalFailsReplay() throws Exception {
        for (long[] seqs : new long[][] {{1, 2, 4, 5}, {1, 2, 3, 2, 4}}) {
            Path dir = Files.createTempDirectory(tmp, "j");
            List<byte[]> frames = new ArrayList<>();
            for (long seq : seqs) {
                frames.add(EventCodec.encode(records(new Random(seq), seq, 1).get(0)));
            }
            QueueDocs.appendRaw(dir, QueueConfig.PRODUCTION, frames);
            try (Journal j = Journal.open(dir)) {
                IOException e = assertThrows(IOException.class, () -> j.replay(r -> { }));
                assertTrue(e.getMessage().contains("seq"), e.getMessage());
            }
        }
    }

    @Test
    void theJournalCannotBeOpenedTwice() throws Exception {
        Path dir = tmp.resolve("journal");
        try (Journal j = Journal.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> Journal.open(dir));
            assertTrue(e.getMessage().contains("already"), e.getMessage());
            assertEquals(0, j.syncCount());
        }
        Journal.open(dir).close();
    }

    @Test
    void anInterruptedSwapIsCompletedOrUndoneAtOpen() throws Exception {
        Path dir = tmp.resolve("journal");
        Path rebuild = tmp.resolve("journal.rebuild");
        List<Recorded> rs = records(new Random(5), 1, 3);
        QueueDocs.appendRaw(rebuild, QueueConfig.PRODUCTION, rs.stream().map(EventCodec::encode).collect(Collectors.toList()));
        try (Journal j = Journal.open(dir)) {
            assertEquals(3, j.replay(r -> { }).records());
        }
        assertFalse(Files.exists(rebuild));
        Files.createDirectories(rebuild.resolve("partial"));
        try (Journal j = Journal.open(dir)) {
            assertEquals(3, j.replay(r -> { }).records());
        }
        assertFalse(Files.exists(rebuild));
    }

    /** After a snapshot: only the records after the one it names are applied; a journal without that record there is refused untouched. */
    @Test
    void replayAfterASnapshotAppliesOnlyTheRecordsAfterIt() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = records(new Random(5), 1, 300);
        long[] index = new long[written.size()];
        try (Journal j = Journal.open(dir)) {
            j.replay(r -> { });
            for (int i = 0; i < written.size(); i++) {
                index[i] = j.append(written.get(i));
            }
            j.sync();
        }
        try (Journal j = Journal.open(dir)) {
            assertEquals(java.util.Optional.empty(), j.replayAfter(index[149], 151, r -> fail("nothing may be applied")),
                    "the record at that index is 150, not 151");
            assertEquals(java.util.Optional.empty(), j.replayAfter(index[299] + 1_000, 300, r -> fail("nothing may be applied")));
            List<Recorded> replayed = new ArrayList<>();
            ReplayReport report = j.replayAfter(index[149], 150, replayed::add).orElseThrow();
            assertEquals(describe(written.subList(150, 300)), describe(replayed));
            assertEquals(150, report.records());
            assertEquals(300, report.lastSeq());
            assertEquals(index[299], report.lastIndex());
            assertFalse(report.cleanShutdown());
            assertThrows(IllegalStateException.class, () -> j.replay(r -> { }), "one replay per open");
            j.markCleanShutdown();
        }
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replayAfter(index[299], 300, r -> fail("the snapshot holds every record")).orElseThrow();
            assertEquals(0, report.records());
            assertEquals(300, report.lastSeq());
            assertEquals(index[299], report.lastIndex());
            assertTrue(report.cleanShutdown(), "the marker after the snapshot's record is seen");
            j.append(records(new Random(6), 301, 1).get(0));
            j.sync();
        }
        try (Journal j = Journal.open(dir)) {
            assertEquals(java.util.Optional.empty(), j.replayAfter(-1, 0, r -> { }), "no snapshot: nothing to start after");
            assertEquals(301, j.replay(r -> { }).records(), "a refused replayAfter leaves the full replay possible");
        }
    }

    static List<Recorded> records(Random rnd, long firstSeq, int count) {
        List<Recorded> out = new ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            out.add(SampleRecords.random(rnd, seq));
        }
        return out;
    }

    static List<String> describe(List<Recorded> rs) {
        return rs.stream().map(Describe::of).collect(Collectors.toList());
    }

    static List<Path> tornDirs(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().contains(".torn-")).collect(Collectors.toList());
        }
    }

    static void assertTornTailReported(ReplayReport report, String expected) {
        assertNotNull(report.tornTail());
        assertTrue(report.tornTail().contains(expected), report.tornTail());
        assertFalse(report.cleanShutdown());
    }
}
