package org.amber.journal;

import static org.amber.journal.JournalTest.assertTornTailReported;
import static org.amber.journal.JournalTest.describe;
import static org.amber.journal.JournalTest.records;
import static org.amber.journal.JournalTest.tornDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.amber.lockd.event.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to the journal's files: a torn tail is dropped, damage in the middle fails replay. */
class JournalDamageTest {
    @TempDir
    Path tmp;

    @Test
    void aFlippedByteInTheLastRecordIsATornTail() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = write(dir, 200);
        List<QueueDocs.Doc> docs = QueueDocs.dataDocs(dir, QueueConfig.PRODUCTION);
        QueueDocs.Doc last = docs.get(docs.size() - 1);
        QueueDocs.xorByte(last.file(), last.body() + last.length() / 2, 0x10);

        List<Recorded> replayed = new ArrayList<>();
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replay(replayed::add);
            assertTornTailReported(report, "checksum mismatch");
            assertEquals(199, report.records());
            j.append(SampleRecords.random(new Random(7), 200));
            j.sync();
        }
        assertEquals(describe(written.subList(0, 199)), describe(replayed));
        assertEquals(1, tornDirs(tmp).size());
        assertReplaysCleanly(dir, 200);
    }

    @Test
    void aFlippedByteInAMiddleRecordFailsReplay() throws Exception {
        Path dir = tmp.resolve("journal");
        write(dir, 50);
        QueueDocs.Doc middle = QueueDocs.dataDocs(dir, QueueConfig.PRODUCTION).get(20);
        QueueDocs.xorByte(middle.file(), middle.body() + 7, 0x01);
        assertMiddleDamageFailsReplay(dir);
    }

    @Test
    void aDamagedHeaderInTheMiddleFailsReplay() throws Exception {
        Path dir = tmp.resolve("journal");
        write(dir, 50);
        QueueDocs.Doc middle = QueueDocs.dataDocs(dir, QueueConfig.PRODUCTION).get(20);
        int header = QueueDocs.readIntLE(middle.file(), middle.header());
        QueueDocs.writeIntLE(middle.file(), middle.header(), header + 40);
        assertMiddleDamageFailsReplay(dir);
    }

    @Test
    void aZeroedHeaderInTheMiddleFailsReplay() throws Exception {
        Path dir = tmp.resolve("journal");
        write(dir, 50);
        QueueDocs.Doc middle = QueueDocs.dataDocs(dir, QueueConfig.PRODUCTION).get(20);
        QueueDocs.writeIntLE(middle.file(), middle.header(), 0);
        assertMiddleDamageFailsReplay(dir);
    }

    /**
     * This process dies mid-write in spirit: a document is left open with half a record in it and
     * Chronicle's write lock held by this very pid, which is what a restarted daemon that got its
     * dead predecessor's pid finds. Chronicle alone would wait 15 s and then fail.
     */
    @Test
    void anInterruptedWriteUnderTheSamePidIsDroppedWithoutWaiting() throws Exception {
        Path dir = tmp.resolve("journal");
        List<Recorded> written = write(dir, 30);
        byte[] next = EventCodec.encode(SampleRecords.random(new Random(9), 31));
        SingleChronicleQueue raw = QueueConfig.PRODUCTION.build(dir, StoreFileListener.noOp());
        ExcerptAppender appender = raw.createAppender();
        DocumentContext open = appender.writingDocument();
        open.wire().bytes().write(Arrays.copyOf(next, next.length / 2));

        long start = System.nanoTime();
        List<Recorded> replayed = new ArrayList<>();
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replay(replayed::add);
            j.append(SampleRecords.random(new Random(9), 31));
            j.sync();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "open + replay + first append took " + millis + " ms");
            assertTornTailReported(report, "an incomplete record");
        } finally {
            open.rollbackOnClose();
            open.close();
            appender.close();
            raw.close();
        }
        assertEquals(describe(written), describe(replayed));
        assertReplaysCleanly(dir, 31);
    }

    private void assertMiddleDamageFailsReplay(Path dir) throws Exception {
        try (Journal j = Journal.open(dir)) {
            IOException e = assertThrows(IOException.class, () -> j.replay(r -> { }));
            assertTrue(e.getMessage().contains("damaged in the middle"), e.getMessage());
        }
        assertEquals(List.of(), tornDirs(tmp));
    }

    static void assertReplaysCleanly(Path dir, long expectedRecords) throws IOException {
        try (Journal j = Journal.open(dir)) {
            ReplayReport report = j.replay(r -> { });
            assertEquals(expectedRecords, report.records());
            assertEquals(expectedRecords, report.lastSeq());
            assertNull(report.tornTail());
        }
    }

    private static List<Recorded> write(Path dir, int count) throws IOException {
        List<Recorded> rs = records(new Random(count), 1, count);
        try (Journal j = Journal.open(dir)) {
            j.replay(r -> { });
            rs.forEach(j::append);
            j.sync();
        }
        return rs;
    }
}
