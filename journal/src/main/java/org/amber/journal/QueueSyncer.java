package org.amber.journal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.StoreFileListener;

/**
 * Makes a journal queue's appended documents durable. The appender's sync is msync(MS_SYNC) of the
 * current mapped chunk from where the last sync ended; it misses the tail of an earlier chunk or
 * cycle file if the batch crossed one, so a crossing also gets an fdatasync of the file it left.
 * A newly created cycle file also needs its directory entry (and Chronicle's metadata file) synced.
 * Each chunk the appender moves into is advised not to read ahead ({@link RandomAccessAdvice}).
 * Thread: the persist thread, except the listener callbacks, which Chronicle makes from its own
 * background thread.
 */
final class QueueSyncer implements StoreFileListener, AutoCloseable {
    private final Path dir;
    /** Set when Chronicle acquires a cycle file; starts set so the first sync covers the directory. */
    private final AtomicBoolean newFile = new AtomicBoolean(true);
    private int cycle = Integer.MIN_VALUE;
    private Object chunk;
    private FileChannel cycleFile;

    QueueSyncer(Path dir) {
        this.dir = dir;
    }

    /** Makes everything {@code appender} wrote durable; any failure is final (never retried). */
    void sync(ExcerptAppender appender) throws IOException {
        ChronicleErrorTrap.run("msync of journal " + dir, appender::sync);
        Object current = appender.wire().bytes().bytesStore();
        boolean newChunk = current != chunk;
        if (newChunk) {
            RandomAccessAdvice.apply(current);
        }
        if (appender.cycle() != cycle) {
            moveTo(appender.cycle(), appender.currentFile());
        } else if (newChunk) {
            cycleFile.force(false);
        }
        chunk = current;
        if (newFile.getAndSet(false)) {
            Fsync.file(dir.resolve("metadata.cq4t"));
            Fsync.directory(dir);
        }
    }

    /** Finishes the cycle file the appender left (its tail may be unsynced) and opens the new one. */
    private void moveTo(int newCycle, File file) throws IOException {
        if (cycleFile != null) {
            cycleFile.force(false);
            cycleFile.close();
        }
        cycleFile = FileChannel.open(file.toPath(), StandardOpenOption.WRITE);
        cycleFile.force(false);
        cycle = newCycle;
        newFile.set(true);
    }

    @Override
    public void onAcquired(int cycle, File file) {
        newFile.set(true);
    }

    @Override
    public void onReleased(int cycle, File file) {
        // Nothing to do: a released file was synced when the appender left it.
    }

    @Override
    public void close() throws IOException {
        if (cycleFile != null) {
            cycleFile.close();
            cycleFile = null;
        }
    }
}
