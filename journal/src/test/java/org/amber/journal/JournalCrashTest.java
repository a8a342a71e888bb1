package org.amber.journal;

import static org.amber.journal.JournalTest.assertTornTailReported;
import static org.amber.journal.JournalTest.describe;
import static org.amber.journal.JournalTest.tornDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.amber.lockd.event.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process killed in the middle of writing a record: start-up drops the torn record, fast. */
class JournalCrashTest {
    private static final int N = 500;

    @TempDir
    Path tmp;

    @Test
    void aRecordTornByACrashIsDroppedAndTheJournalGoesOn() throws Exception {
        Path dir = tmp.resolve("journal");
        ChildJvm.Result child = ChildJvm.run(CrashingWriter.class, true, true, List.of(),
                List.of(dir.toString(), Integer.toString(N)), tmp, Duration.ofSeconds(60));
        assertEquals(0, child.exitCode(), child.output());
        assertTrue(child.output().contains("HALTING"), child.output());

        long start = System.nanoTime();
        List<Recorded> replayed = new ArrayList<>();
        try (Journal journal = Journal.open(dir)) {
            ReplayReport report = journal.replay(replayed::add);
            long replayMillis = (System.nanoTime() - start) / 1_000_000;
            journal.append(CrashingWriter.record(N + 1));
            journal.sync();
            long firstSyncMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("after the crash: open + replay " + replayMillis + " ms, first durable append at " + firstSyncMillis + " ms");
            assertTrue(firstSyncMillis < 5_000, "start-up took " + firstSyncMillis + " ms");
            assertTornTailReported(report, "an incomplete record");
            assertEquals(N, report.records());
            for (long seq = N + 2; seq <= N + 100; seq++) {
                journal.append(CrashingWriter.record(seq));
            }
            journal.sync();
        }
        assertEquals(describe(expected(1, N)), describe(replayed));
        assertEquals(1, tornDirs(tmp).size());
        List<Recorded> again = new ArrayList<>();
        try (Journal journal = Journal.open(dir)) {
            assertEquals(null, journal.replay(again::add).tornTail());
        }
        assertEquals(describe(expected(1, N + 100)), describe(again));
    }

    /** What Chronicle alone does with the crashed queue: how long its first append after the crash takes. */
    @Test
    void chronicleAloneRecoversTheDeadWritersLockWithoutWaiting() throws Exception {
        Path dir = tmp.resolve("journal");
        ChildJvm.Result child = ChildJvm.run(CrashingWriter.class, true, true, List.of(),
                List.of(dir.toString(), "20"), tmp, Duration.ofSeconds(60));
        assertEquals(0, child.exitCode(), child.output());
        long start = System.nanoTime();
        try (SingleChronicleQueue q = QueueConfig.PRODUCTION.build(dir, StoreFileListener.noOp());
             ExcerptAppender a = q.createAppender()) {
            try (DocumentContext dc = a.writingDocument()) {
                dc.wire().bytes().write(EventCodec.encode(CrashingWriter.record(21)));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Chronicle alone: open + first append after the crash took " + millis + " ms");
        assertTrue(millis < 5_000, "Chronicle's first append after the crash took " + millis + " ms");
    }

    private static List<Recorded> expected(long from, long to) {
        List<Recorded> out = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            out.add(CrashingWriter.record(seq));
        }
        return out;
    }
}
