package org.amber.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.amber.journal.Snapshots;
import org.amber.lockd.StoreImage;
import org.amber.lockd.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes state snapshots so that a restart replays only the journal after the newest one. One is due once
 * the records since the last snapshot reach {@code minRecords}, or half the versions that snapshot held
 * if that is more: writing a snapshot costs time in proportion to the versions held, so spacing them by
 * the same proportion keeps the cost per record flat however large the store grows, and a restart then
 * replays at most that many records after loading one. At an orderly stop one is written too, unless
 * few records would be replayed without it.
 *
 * <p>The published state is copied between two records by the reply thread ({@link Pipeline#imagePublished});
 * the copy is written out on this class's own thread. Thread: its own, one snapshot at a time; {@link
 * #atStop} on the stopping thread once the pipeline has drained.
 */
final class Snapshotter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
    /** At an orderly stop, fewer records than this replay faster than a snapshot is written. */
    static final long STOP_MIN_RECORDS = 1_000;
    private final Snapshots snapshots;
    private final Store published;
    private final Pipeline pipeline;
    private final long minRecords;
    private volatile long lastSeq;
    /** The published seq when the last attempt failed: the next waits as long again (a failure is likely to repeat). */
    private volatile long failedAt;
    private volatile long lastVersions;
    private volatile long lastBytes;
    private volatile double lastSeconds;
    private volatile double lastPauseSeconds;
    private volatile long taken;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "amber-snapshot");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param loaded the snapshot the state was loaded from, or null
     */
    Snapshotter(Snapshots snapshots, Store published, Pipeline pipeline, Metrics metrics, long minRecords, Snapshots.Loaded loaded) {
        this.snapshots = snapshots;
        this.published = published;
        this.pipeline = pipeline;
        this.minRecords = minRecords;
        if (loaded != null) {
            lastSeq = loaded.image().lastSeq();
            lastVersions = loaded.versions();
            lastBytes = loaded.bytes();
        }
        metrics.gauge("amber_snapshot_seq", "Sequence of the last record the newest state snapshot holds", () -> lastSeq);
        metrics.gauge("amber_snapshot_versions", "Object versions the newest state snapshot holds", () -> lastVersions);
        metrics.gauge("amber_snapshot_bytes", "Size of the newest state snapshot file", () -> lastBytes);
        metrics.gauge("amber_snapshot_seconds", "How long writing the last state snapshot took", () -> lastSeconds);
        metrics.gauge("amber_snapshot_pause_seconds", "How long copying the state for the last snapshot held up replies",
                () -> lastPauseSeconds);
        metrics.gauge("amber_snapshots_taken", "State snapshots written since start", () -> taken);
    }

    /** Checks every {@code every} whether a snapshot is due (nothing when snapshots are off). */
    void start(Duration every) {
        if (minRecords > 0 && !every.isZero()) {
            executor.scheduleWithFixedDelay(this::takeIfDue, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The records after the last snapshot that make a new one due. */
    long dueAfter() {
        return Math.max(minRecords, lastVersions / 2);
    }

    private void takeIfDue() {
        try {
            if (published.lastSeq() - Math.max(lastSeq, failedAt) >= dueAfter()) {
                takeNow();
            }
        } catch (Exception e) {
            failedAt = published.lastSeq();
            LOG.error("state snapshot failed; the journal is intact and the next start replays more of it", e);
        }
    }

    /** Copies the published state between two records and writes it out. Thread: this class's, or a test's. */
    void takeNow() throws Exception {
        long t0 = System.nanoTime();
        Pipeline.PublishedImage p = pipeline.imagePublished().get(60, TimeUnit.SECONDS);
        lastPauseSeconds = p.copyNanos() / 1e9;
        write(p.image(), p.journalIndex(), t0);
    }

    /** Writes a snapshot of the drained pipeline's state, when it saves the next start enough replay. */
    void atStop() {
        long index = pipeline.lastPublishedIndex();
        if (minRecords == 0 || index < 0 || published.lastSeq() - lastSeq < Math.min(STOP_MIN_RECORDS, minRecords)) {
            return;
        }
        try {
            write(published.image(), index, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            LOG.error("state snapshot at stop failed; the next start replays the journal from the previous one", e);
        }
    }

    private synchronized void write(StoreImage image, long journalIndex, long t0) throws IOException {
        if (image.lastSeq() <= lastSeq || journalIndex < 0) {
            return; // nothing new, or the journal was just rebuilt and the record's index is not known yet
        }
        Snapshots.Written w = snapshots.write(image, journalIndex);
        lastSeconds = (System.nanoTime() - t0) / 1e9;
        lastSeq = image.lastSeq();
        lastVersions = w.versions();
        lastBytes = w.bytes();
        taken++;
        LOG.info("state snapshot at record {}: {} versions, {} MiB in {} s", lastSeq, w.versions(), w.bytes() >> 20,
                String.format("%.2f", lastSeconds));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
