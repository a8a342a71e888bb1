package org.amber.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.amber.journal.SegmentStore;
import org.amber.lockd.BlobRef;
import org.amber.lockd.Decision;
import org.amber.lockd.ExtentMove;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Store;
import org.amber.lockd.command.DropSegments;
import org.amber.lockd.command.RelocateExtents;
import org.amber.lockd.command.TickClock;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.port.BlobWriter;
import org.amber.lockd.port.CommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's background work on one thread: recording the compliance clock while idle, and space
 * reclamation. A segment file that nothing references any more (its versions lawfully deleted,
 * its upload aborted, its parts replaced) is deleted; a closed segment that is at most half live is
 * compacted first: its live extents are copied (every chunk verified) into the current segment, the
 * references are moved by a {@link RelocateExtents} decision, and a round later (reads that began before
 * the move have had an interval to finish) it is dropped. Every decision
 * runs on the decide stage, which re-checks the whole state itself, and a file goes only after the
 * decision to drop it is durable. Nothing is ever written in place. Thread: its own, one round at a time.
 */
final class Housekeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
    private final SegmentStore segments;
    private final Store published;
    private final CommandBus bus;
    private final Metrics metrics;
    private final AtomicLong rounds = new AtomicLong();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "amber-housekeeper");
        t.setDaemon(true);
        return t;
    });

    Housekeeper(SegmentStore segments, Store published, CommandBus bus, Metrics metrics) {
        this.segments = segments;
        this.published = published;
        this.bus = bus;
        this.metrics = metrics;
    }

    /**
     * Runs a round every {@code interval}, and records the compliance clock every {@code tick} (a
     * {@link TickClock} record, so the clock resumes near its last value after a restart); zero: never.
     */
    void start(Duration interval, Duration tick) {
        if (!interval.isZero()) {
            executor.scheduleWithFixedDelay(this::roundSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!tick.isZero()) {
            executor.scheduleWithFixedDelay(() -> bus.submit(new TickClock(), RequestContext.system("clock-tick"), d -> { }),
                    tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
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

    /** One round: drop what nothing references, then compact the emptiest closed segment that is at most half live. */
    synchronized void round() throws Exception {
        rounds.incrementAndGet();
        Set<Long> candidates = segments.closedSegments();
        candidates.removeAll(published.droppedSegments());
        // A hint read while writers work; the decision re-checks on the decide stage against the whole state.
        candidates.removeAll(published.referencedSegments());
        drop(candidates);
        compactOne();
    }

    private void drop(Set<Long> candidates) throws Exception {
        if (candidates.isEmpty()) {
            return;
        }
        Decision d = decide(new DropSegments(candidates));
        if (d.refused() || d.events().isEmpty()) {
            return;
        }
        List<Long> dropped = ((SegmentsDropped) d.events().get(0)).segments();
        long bytes = segments.drop(dropped);
        metrics.reclaimed(dropped.size(), bytes);
        LOG.info("reclamation: dropped {} segment(s), {} bytes freed", dropped.size(), bytes);
    }

    /**
     * Picks the closed segment with the fewest live bytes among those at most half live, copies its live
     * extents and moves the references; the next round drops it.
     */
    private void compactOne() throws Exception {
        // Two passes over the state, so that a round holds a byte count per segment and the chosen segment's
        // extents, not every extent of a million versions. What live extents occupy, not their object bytes:
        // a segment of small live objects would otherwise look mostly dead, and compacting it would write
        // another just like it, round after round.
        Map<Long, Long> liveBytes = new java.util.HashMap<>();
        published.forEachExtent((bucket, key, b) -> {
            if (b.segment() >= 0) {
                liveBytes.merge(b.segment(), SegmentStore.footprint(b.length()), Long::sum);
            }
        });
        Set<Long> closed = segments.closedSegments();
        closed.removeAll(published.droppedSegments());
        long best = -1;
        long bestLive = Long.MAX_VALUE;
        for (long id : closed) {
            long live = liveBytes.getOrDefault(id, 0L);
            if (live > 0 && live * 2 <= segments.fileSize(id) && live < bestLive) {
                best = id;
                bestLive = live;
            }
        }
        if (best < 0) {
            return;
        }
        long chosen = best;
        Map<BlobRef, Owner> owners = new java.util.LinkedHashMap<>();
        published.forEachExtent((bucket, key, b) -> {
            if (b.segment() == chosen) {
                owners.putIfAbsent(b, new Owner(bucket, key));
            }
        });
        List<ExtentMove> moves = new ArrayList<>();
        for (Map.Entry<BlobRef, Owner> e : owners.entrySet()) {
            BlobRef from = e.getKey();
            try (BlobWriter w = segments.create(from.length())) {
                segments.read(from, 0, from.length(), w::write);
                moves.add(new ExtentMove(from, w.finish(), e.getValue().bucket(), e.getValue().key()));
            }
        }
        Decision d = decide(new RelocateExtents(moves));
        if (d.refused()) {
            return;
        }
        // The segment is dropped by the next round, not now: reads that found a version before the move
        // may still be streaming from it.
        LOG.info("reclamation: compacting segment {}: moved {} live extent(s), {} bytes", best, moves.size(), bestLive);
    }

    /** The bucket and key whose version or upload part references an extent. */
    private record Owner(String bucket, String key) {
    }

    private Decision decide(org.amber.lockd.command.Command c) throws Exception {
        CompletableFuture<Decision> decided = new CompletableFuture<>();
        bus.submit(c, RequestContext.system("reclaim-" + rounds.get()), decided::complete);
        return decided.get(60, TimeUnit.SECONDS);
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
