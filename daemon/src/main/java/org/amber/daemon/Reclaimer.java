package org.amber.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.amber.journal.SegmentStore;
import org.amber.lockd.Decision;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Store;
import org.amber.lockd.command.DropSegments;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.port.CommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Space reclamation, as far as it goes today: a segment file that nothing references any more (its
 * versions lawfully deleted, its upload aborted, its parts replaced) is deleted. The decision is a
 * {@link DropSegments} command on the decide stage, which re-checks every version and part itself; the
 * file goes only after that decision is durable. Segments that still hold live extents are kept whole
 * (copying live extents out of them is not built yet). Thread: its own, one round at a time.
 */
final class Reclaimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);
    private final SegmentStore segments;
    private final Store published;
    private final CommandBus bus;
    private final Metrics metrics;
    private final AtomicLong rounds = new AtomicLong();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "amber-reclaimer");
        t.setDaemon(true);
        return t;
    });

    Reclaimer(SegmentStore segments, Store published, CommandBus bus, Metrics metrics) {
        this.segments = segments;
        this.published = published;
        this.bus = bus;
        this.metrics = metrics;
    }

    /** Runs a round every {@code interval}; a zero interval never runs one. */
    void start(Duration interval) {
        if (!interval.isZero()) {
            executor.scheduleWithFixedDelay(this::roundSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * At start: deletes the files of segments the journal says were dropped, in case a crash came between
     * the durable decision and the deletion. Thread: the starting one, before the pipeline takes writes.
     */
    void finishEarlierDrops() throws IOException {
        Set<Long> leftovers = new TreeSet<>(published.droppedSegments());
        leftovers.retainAll(segments.closedSegments());
        if (!leftovers.isEmpty()) {
            metrics.reclaimed(leftovers.size(), segments.drop(leftovers));
        }
    }

    private void roundSafely() {
        try {
            round();
        } catch (Exception e) {
            LOG.warn("reclamation round {} failed; the next round tries again", rounds.get(), e);
        }
    }

    /** One round: propose the closed segments nothing seems to reference; delete what the decision drops. */
    synchronized void round() throws Exception {
        Set<Long> candidates = segments.closedSegments();
        candidates.removeAll(published.droppedSegments());
        // A hint read while writers work; the decision re-checks on the decide stage against the whole state.
        candidates.removeAll(published.referencedSegments());
        if (candidates.isEmpty()) {
            return;
        }
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        bus.submit(new DropSegments(candidates), RequestContext.system("reclaim-" + rounds.incrementAndGet()), decided::complete);
        Decision d = decided.get(60, TimeUnit.SECONDS);
        if (d.refused() || d.events().isEmpty()) {
            return;
        }
        List<Long> dropped = ((SegmentsDropped) d.events().get(0)).segments();
        long bytes = segments.drop(dropped);
        metrics.reclaimed(dropped.size(), bytes);
        LOG.info("reclamation: dropped {} segment(s), {} bytes freed", dropped.size(), bytes);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
