package org.amber.journal;

import java.io.IOException;
import java.nio.file.Path;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Drops a torn tail. Chronicle cannot truncate a queue in place, so the readable prefix is copied
 * into a fresh queue in {@code <name>.rebuild}, synced, and then swapped in for the journal
 * directory ({@link JournalDirs#swap}). Stateless; start-up thread, under the journal's lock.
 */
final class TornTailRepair {
    private TornTailRepair() {
    }

    /** Copies every readable entry of {@code source} into a new synced queue at {@code target}; returns how many. */
    static long copyReadablePrefix(SingleChronicleQueue source, Path target, QueueConfig config) throws IOException {
        JournalDirs.deleteRecursively(target);
        long copied;
        try (SingleChronicleQueue out = config.build(target, StoreFileListener.noOp());
             ExcerptAppender appender = out.createAppender()) {
            copied = QueueScanner.scan(source, (entry, frame, index) -> write(appender, frame)).entries();
            ChronicleErrorTrap.run("msync of rebuilt journal " + target, appender::sync);
        }
        JournalDirs.syncTree(target);
        return copied;
    }

    private static void write(ExcerptAppender appender, byte[] frame) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(frame);
        }
    }
}
