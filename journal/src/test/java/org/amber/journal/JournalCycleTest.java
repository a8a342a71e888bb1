package org.amber.journal;

import static org.amber.journal.JournalTest.assertTornTailReported;
import static org.amber.journal.JournalTest.describe;
import static org.amber.journal.JournalTest.records;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.amber.lockd.event.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal across Chronicle cycle files, on a secondly roll cycle driven by a settable clock. */
class JournalCycleTest {
    @TempDir
    Path tmp;
    private final SetTimeProvider clock = new SetTimeProvider(SampleRecords.T0);
    private final QueueConfig config = new QueueConfig(TestRollCycles.TEST_SECONDLY, clock);

    @Test
    void recordsSpanningCyclesReplayInOrder() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = records(new Random(11), 1, 400);
        try (Journal j = Journal.open(dir, config)) {
            j.replay(r -> { });
            for (int batch = 0; batch < 4; batch++) {
                written.subList(batch * 100, batch * 100 + 100).forEach(j::append);
                j.sync();
                clock.advanceMillis(1_100);
            }
        }
        assertEquals(4, cycleFiles(dir));
        assertEquals(describe(written), describe(replay(dir)));
    }

    @Test
    void aClockSetBackKeepsAppendingToTheNewestCycle() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = records(new Random(12), 1, 30);
        try (Journal j = Journal.open(dir, config)) {
            j.replay(r -> { });
            written.subList(0, 10).forEach(j::append);
            j.sync();
            clock.advanceMillis(3_000);
            written.subList(10, 20).forEach(j::append);
            j.sync();
            clock.advanceMillis(-10_000);
            written.subList(20, 25).forEach(j::append);
            j.sync();
        }
        try (Journal j = Journal.open(dir, config)) {
            j.replay(r -> { });
            written.subList(25, 30).forEach(j::append);
            j.sync();
        }
        assertEquals(describe(written), describe(replay(dir)));
    }

    @Test
    void anInterruptedWriteInAFreshCycleIsATornTail() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = records(new Random(13), 1, 20);
        try (Journal j = Journal.open(dir, config)) {
            j.replay(r -> { });
            written.forEach(j::append);
            j.sync();
        }
        clock.advanceMillis(2_000);
        byte[] next = EventCodec.encode(SampleRecords.random(new Random(13), 21));
        try (SingleChronicleQueue raw = config.build(dir, StoreFileListener.noOp()); ExcerptAppender a = raw.createAppender()) {
            DocumentContext dc = a.writingDocument();
            dc.wire().bytes().write(Arrays.copyOf(next, 40));
            assertEquals(2, cycleFiles(dir));
            try (Journal j = Journal.open(dir, config)) {
                List<Recorded> replayed = new ArrayList<>();
                assertTornTailReported(j.replay(replayed::add), "an incomplete record");
                assertEquals(describe(written), describe(replayed));
            } finally {
                dc.rollbackOnClose();
                dc.close();
            }
        }
        try (Journal j = Journal.open(dir, config)) {
            assertNull(j.replay(r -> { }).tornTail());
        }
    }

    @Test
    void aLostHeaderInAnEarlierCycleIsDamageInTheMiddle() throws Exception {
        Path dir = tmp.resolve("journal");
        try (Journal j = Journal.open(dir, config)) {
            j.replay(r -> { });
            List<Recorded> written = records(new Random(14), 1, 30);
            for (int batch = 0; batch < 3; batch++) {
                written.subList(batch * 10, batch * 10 + 10).forEach(j::append);
                j.sync();
                clock.advanceMillis(1_100);
            }
        }
        QueueDocs.Doc lastOfFirstCycle = QueueDocs.dataDocs(dir, config).get(9);
        QueueDocs.writeIntLE(lastOfFirstCycle.file(), lastOfFirstCycle.header(), 0);
        try (Journal j = Journal.open(dir, config)) {
            IOException e = assertThrows(IOException.class, () -> j.replay(r -> { }));
            assertTrue(e.getMessage().contains("damaged in the middle"), e.getMessage());
        }
    }

    private List<Recorded> replay(Path dir) throws IOException {
        List<Recorded> out = new ArrayList<>();
        try (Journal j = Journal.open(dir, config)) {
            assertNull(j.replay(out::add).tornTail());
        }
        return out;
    }

    private static long cycleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }
}
