package org.amber.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;
import net.openhft.chronicle.threads.Pauser;
import net.openhft.chronicle.wire.DocumentContext;
import org.amber.lockd.event.Recorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only journal of {@link Recorded} events on a Chronicle queue: replayed once at
 * start-up, then appended to and synced by the single persist thread (group commit). Thread:
 * open and replay on the start-up thread; append, sync and markCleanShutdown on the persist
 * thread; syncCount from any thread; close once, after the persist thread has stopped.
 */
public final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final QueueConfig config;
    private final DirectoryLock lock;
    private final QueueSyncer syncer;
    private final AtomicLong syncs = new AtomicLong();
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private Thread appenderThread;
    private boolean replayStarted;
    private boolean replayed;
    private boolean appended;
    private boolean unsynced;
    private long lastSeq;
    private Exception failure;
    private boolean closed;

    private Journal(Path dir, QueueConfig config, DirectoryLock lock) {
        this.dir = dir;
        this.config = config;
        this.lock = lock;
        this.syncer = new QueueSyncer(dir);
        this.queue = openQueue();
    }

    /** Opens (creating if needed) the journal in {@code dir}; blocks on the disk. */
    public static Journal open(Path dir) throws IOException {
        return open(dir, QueueConfig.PRODUCTION);
    }

    static Journal open(Path dir, QueueConfig config) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        DirectoryLock lock = DirectoryLock.acquire(JournalDirs.lockFile(abs));
        try {
            JournalDirs.finishInterruptedSwap(abs);
            JournalDirs.create(abs);
            return new Journal(abs, config, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Reads every record in order, calls apply for each, truncates a torn tail; must be called once, before append. */
    public ReplayReport replay(Consumer<Recorded> apply) throws IOException {
        return replayFrom(-1, 0, apply);
    }

    /**
     * Replays only the records after a snapshot's: the one at queue index {@code journalIndex} must be record
     * {@code seq}, the last the snapshot holds; apply gets those after it. Empty, having read nothing else and
     * applied nothing, when the journal holds no such record there (a journal rebuilt after a torn tail has
     * new indexes): then replay everything with {@link #replay}. Otherwise as {@link #replay}.
     */
    public Optional<ReplayReport> replayAfter(long journalIndex, long seq, Consumer<Recorded> apply) throws IOException {
        checkOpen();
        if (!holds(journalIndex, seq)) {
            return Optional.empty();
        }
        return Optional.of(replayFrom(journalIndex, seq, apply));
    }

    private ReplayReport replayFrom(long fromIndex, long alreadyApplied, Consumer<Recorded> apply) throws IOException {
        checkOpen();
        if (replayStarted) {
            throw new IllegalStateException("replay() may be called only once");
        }
        replayStarted = true;
        ReplayCollector collector = new ReplayCollector(apply, alreadyApplied);
        String torn = QueueScanner.scan(queue, collector, fromIndex).tornTail();
        long lastIndex = collector.lastIndex();
        if (torn != null) {
            torn = dropTornTail(torn);
            lastIndex = -1; // the rebuilt queue numbers its entries anew
        }
        lastSeq = collector.lastSeq();
        replayed = true;
        return collector.report(torn, lastIndex);
    }

    /**
     * Lets the journal be replayed again from its start, after a replay whose consumer failed (a snapshot
     * that could not be applied): the caller discards what it applied. Only before anything is appended.
     */
    public void forgetReplay() {
        checkOpen();
        if (appended) {
            throw new IllegalStateException("journal " + dir + " has been appended to since its replay");
        }
        replayStarted = false;
        replayed = false;
        lastSeq = 0;
    }

    /** Whether the entry at queue index {@code index} is record {@code seq}. */
    private boolean holds(long index, long seq) {
        if (index < 0 || seq < 1) {
            return false;
        }
        try (ExcerptTailer t = queue.createTailer()) {
            if (!t.moveToIndex(index)) {
                return false;
            }
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent() || dc.index() != index) {
                    return false;
                }
                return EventCodec.decodeEntry(dc.wire().bytes().toByteArray()) instanceof Recorded r && r.seq() == seq;
            }
        } catch (CorruptRecordException | RuntimeException e) {
            LOG.warn("journal {}: reading the entry at index 0x{} failed: {}", dir, Long.toHexString(index), e.toString());
            return false;
        }
    }

    /** Appends one record (not yet durable); returns its queue index. Thread: the single persist thread. */
    public long append(Recorded r) {
        checkWritable();
        boolean next = lastSeq == 0 ? r.seq() >= 1 : r.seq() == lastSeq + 1;
        if (!next) {
            throw new IllegalArgumentException("record seq " + r.seq() + " does not follow " + lastSeq);
        }
        write(EventCodec.encode(r));
        lastSeq = r.seq();
        appended = true;
        return appender.lastIndexAppended();
    }

    /** Makes every appended record durable (msync MS_SYNC via Chronicle's SYNC sync mode; see STACK-NOTES). Thread: the persist thread. */
    public void sync() throws IOException {
        checkWritable();
        if (!unsynced) {
            return;
        }
        try {
            syncer.sync(appender());
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
        unsynced = false;
        syncs.incrementAndGet();
    }

    /** Appends a clean-shutdown marker and syncs; called on orderly stop. */
    public void markCleanShutdown() throws IOException {
        checkWritable();
        write(EventCodec.encodeCleanShutdown(new CleanShutdown(lastSeq, Instant.now())));
        sync();
    }

    /** Number of sync() calls that reached the disk (a call with nothing to sync does not), for metrics. Thread: any. */
    public long syncCount() {
        return syncs.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQueue();
        try {
            syncer.close();
        } catch (IOException e) {
            LOG.warn("journal {}: closing the cycle file failed", dir, e);
        }
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("journal {}: releasing {} failed", dir, JournalDirs.lockFile(dir), e);
        }
    }

    private String dropTornTail(String torn) throws IOException {
        LOG.warn("journal {}: torn tail: {}; copying the readable prefix into a fresh journal", dir, torn);
        Path rebuilt = JournalDirs.rebuildDir(dir);
        long kept = TornTailRepair.copyReadablePrefix(queue, rebuilt, config);
        closeQueue();
        Path aside = JournalDirs.swap(dir, rebuilt, Instant.now());
        queue = openQueue();
        String report = torn + "; dropped it, kept " + kept + " entries, the journal as found is in " + aside;
        LOG.warn("journal {}: {}", dir, report);
        return report;
    }

    private void write(byte[] frame) {
        DocumentContext dc = appender().writingDocument();
        try {
            dc.wire().bytes().write(frame);
        } catch (RuntimeException e) {
            dc.rollbackOnClose();
            failure = e;
            throw e;
        } finally {
            dc.close();
        }
        unsynced = true;
    }

    /** The appender, created on (and handed over to) the calling thread: Chronicle checks single-threaded use. */
    private ExcerptAppender appender() {
        if (appender == null) {
            appender = queue.createAppender();
        } else if (appenderThread != Thread.currentThread()) {
            appender.singleThreadedCheckReset();
        }
        appenderThread = Thread.currentThread();
        return appender;
    }

    private SingleChronicleQueue openQueue() {
        SingleChronicleQueue q = config.build(dir, syncer);
        releaseStaleWriteLocks(q);
        return q;
    }

    /**
     * A process killed inside a write leaves Chronicle's write lock held with its pid. Chronicle
     * frees it at open only if that pid is dead; a restarted daemon that got the same pid (a
     * container's pid 1, say) would wait 1.5 x its 10 s timeout and then fail. We hold the
     * directory lock, so any lock found here is stale.
     */
    private void releaseStaleWriteLocks(SingleChronicleQueue q) {
        for (TableStoreWriteLock l : List.of(new TableStoreWriteLock(q.metaStore(), Pauser::balanced, 0L),
                new TableStoreWriteLock(q.metaStore(), Pauser::balanced, 0L, TableStoreWriteLock.APPEND_LOCK_KEY))) {
            try (l) {
                if (l.locked()) {
                    LOG.warn("journal {}: releasing a stale Chronicle lock held by pid {}", dir, l.lockedBy());
                    l.forceUnlock();
                }
            }
        }
    }

    private void closeQueue() {
        if (appender != null) {
            appender.singleThreadedCheckReset();
            appender.close();
            appender = null;
        }
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("journal " + dir + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!replayed) {
            throw new IllegalStateException("replay() must run before the journal is written");
        }
        if (failure != null) {
            throw new IllegalStateException("journal " + dir + " failed earlier and accepts no more writes: " + failure, failure);
        }
    }
}
