package org.amber.journal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child-JVM main for the crash test: journals {@code n} records (seqs 1..n, {@link #record}),
 * syncs them, then starts writing record n+1, stops halfway through and halts the JVM the way
 * SIGKILL would: no shutdown hooks, the Chronicle document left open and its write lock held.
 * Usage: {@code CrashingWriter <dir> <n>}.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    static org.amber.lockd.event.Recorded record(long seq) {
        return SampleRecords.random(new Random(seq), seq);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int n = Integer.parseInt(args[1]);
        try (Journal journal = Journal.open(dir)) {
            journal.replay(r -> { });
            for (long seq = 1; seq <= n; seq++) {
                journal.append(record(seq));
            }
            journal.sync();
            byte[] next = EventCodec.encode(record(n + 1));
            SingleChronicleQueue queue = QueueConfig.PRODUCTION.build(dir, StoreFileListener.noOp());
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument();
            dc.wire().bytes().write(Arrays.copyOf(next, next.length / 2));
            System.out.println("HALTING after " + n + " records and " + next.length / 2 + " bytes of record " + (n + 1));
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
