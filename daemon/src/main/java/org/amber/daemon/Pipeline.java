package org.amber.daemon;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.amber.journal.Journal;
import org.amber.journal.SegmentStore;
import org.amber.lockd.Decision;
import org.amber.lockd.Refusal;
import org.amber.lockd.RequestContext;
import org.amber.lockd.StateMachine;
import org.amber.lockd.Store;
import org.amber.lockd.command.Command;
import org.amber.lockd.BlobRef;
import org.amber.lockd.event.BlobsReferenced;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.port.CommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path: a Disruptor ring with three stages, one thread each.
 * <ol>
 * <li>decide — the sole writer of the decided state: turns each command into a record or a
 * refusal and applies the record at once, so the next command sees it. That state only looks keys
 * up, so it holds them hashed ({@link org.amber.lockd.KeyIndex#HASHED});</li>
 * <li>persist — at the end of each batch, fdatasyncs the blob segments the batch wrote, then
 * appends the batch's records to the journal and syncs it: one sync pair per batch (group
 * commit);</li>
 * <li>reply — applies each now-durable record to the published state that reads see, then
 * completes the request.</li>
 * </ol>
 * <p>Wait strategy: {@link StageWaitStrategy}. Disruptor's BlockingWaitStrategy blocks only on the
 * producers' cursor and busy-spins on an upstream stage, so the reply thread would burn a core through
 * every fdatasync; SleepingWaitStrategy parks ~100 µs at a time, which kept three idle stage threads
 * at 0.7 of a core. On a 2-core appliance both starve Jetty or waste power.
 * <p>A failed sync stops all writes for good (fail-stop; the sync is never retried): restart replays
 * the journal.
 */
public final class Pipeline implements CommandBus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final StageWaitStrategy waitStrategy = new StageWaitStrategy();
    private final Reply reply;
    private final java.util.function.BooleanSupplier memoryFull;
    /** The fewest records a group commit must have held for the commit delay to follow it. */
    static final int COMMIT_DELAY_MIN_RECORDS = 8;
    private final long commitDelayNanos;

    /**
     * The published state as of one record, and that record's journal queue index: what a snapshot holds.
     * {@code copyNanos}: how long the reply thread spent copying it, replying to nothing meanwhile.
     */
    record PublishedImage(org.amber.lockd.StoreImage image, long journalIndex, long copyNanos) {
    }

    /**
     * @param wallClock       the system clock: records' time, versions' Last-Modified
     * @param complianceClock what lock rules measure against, recorded with every record
     * @param lastIndex       the journal queue index of the last record both states hold (-1: unknown)
     * @param memoryFull      true while commands that add objects are to be refused ({@link MemoryGuard})
     * @param commitDelay     the persist stage's wait after a commit of several records (see {@link Config#commitDelay()})
     */
    Pipeline(Store decided, Store published, Journal journal, SegmentStore segments, Clock wallClock, Clock complianceClock,
             Metrics metrics, int ringSize, long lastIndex, java.util.function.BooleanSupplier memoryFull,
             java.time.Duration commitDelay) {
        this.memoryFull = memoryFull;
        this.commitDelayNanos = commitDelay.toNanos();
        reply = new Reply(published, lastIndex);
        disruptor = new Disruptor<>(Slot::new, ringSize, r -> {
            Thread t = new Thread(r, "amber-pipeline");
            t.setDaemon(true);
            return t;
        }, ProducerType.MULTI, waitStrategy);
        disruptor.handleEventsWith(new Decide(decided, wallClock, complianceClock, metrics))
                .then(new Persist(journal, segments, metrics))
                .then(reply);
        disruptor.setDefaultExceptionHandler(new FailStop());
        ring = disruptor.start();
    }

    @Override
    public void submit(Command c, RequestContext ctx, Consumer<Decision> done) {
        if (stopped.get()) {
            done.accept(Decision.refuse(Refusal.WRITES_STOPPED));
            return;
        }
        if (addsObject(c) && memoryFull.getAsBoolean()) {
            done.accept(Decision.refuse(Refusal.MEMORY_FULL));
            return;
        }
        ring.publishEvent((slot, seq, cmd, context, callback) -> {
            slot.command = cmd;
            slot.context = context;
            slot.done = callback;
        }, c, ctx, done);
    }

    /**
     * The commands refused while the heap is nearly full: those that add an object or an upload's part.
     * Everything else goes on, above all the removals that make room.
     */
    private static boolean addsObject(Command c) {
        return c instanceof org.amber.lockd.command.PutObject || c instanceof org.amber.lockd.command.UploadPart
                || c instanceof org.amber.lockd.command.CreateMultipartUpload;
    }

    /**
     * A copy of the published state, made by the reply thread between two records, when everything submitted
     * before this call has been published. The copy pauses replies for as long as copying every bucket's key
     * map takes (tens of ms for a million keys). Completes exceptionally once writes have stopped.
     */
    CompletableFuture<PublishedImage> imagePublished() {
        CompletableFuture<PublishedImage> f = new CompletableFuture<>();
        if (stopped.get()) {
            f.completeExceptionally(new IllegalStateException("writes have stopped"));
            return f;
        }
        ring.publishEvent((slot, seq, future) -> {
            slot.onImage = future::complete;
            slot.done = d -> future.completeExceptionally(new IllegalStateException("no copy of the state: " + d.refusal()));
        }, f);
        return f;
    }

    /** The journal queue index of the last record published (-1: unknown). Thread: any; exact once the pipeline is closed. */
    long lastPublishedIndex() {
        return reply.lastIndex;
    }

    /** False once a sync failed: the daemon then refuses every write until restarted. */
    public boolean acceptingWrites() {
        return !stopped.get();
    }

    /** Drains what is in the ring, then stops the stage threads. */
    @Override
    public void close() {
        drained();
    }

    /**
     * As {@link #close()}; true when the ring drained and the stage threads stopped, false when they were
     * halted mid-batch (after 30 s), so that the states may still be changing.
     */
    boolean drained() {
        try {
            disruptor.shutdown(30, TimeUnit.SECONDS);
            return true;
        } catch (com.lmax.disruptor.TimeoutException e) {
            LOG.error("pipeline did not drain within 30 s; halting it", e);
            disruptor.halt();
            return false;
        }
    }

    private void stop(Throwable why) {
        if (stopped.compareAndSet(false, true)) {
            LOG.error("FAIL-STOP: a sync failed; no more writes are accepted. Restart replays the journal.", why);
        }
    }

    /**
     * Publishes a stage's progress at the end of its batch and wakes the next stage; without this
     * the next stage would only notice after its timed wait.
     */
    private abstract class Stage implements EventHandler<Slot> {
        private Sequence progress;

        @Override
        public final void setSequenceCallback(Sequence sequenceCallback) {
            this.progress = sequenceCallback;
        }

        @Override
        public final void onEvent(Slot slot, long sequence, boolean endOfBatch) {
            handle(slot, endOfBatch);
            if (endOfBatch) {
                progress.set(sequence);
                waitStrategy.signalAllWhenBlocking();
                afterBatch();
            }
        }

        abstract void handle(Slot slot, boolean endOfBatch);

        /** Runs once a batch is handed on to the next stage. */
        void afterBatch() {
        }
    }

    /** Stage 1. Thread: the decide thread only. */
    private final class Decide extends Stage {
        private final Store decided;
        private final Clock clock;
        private final Clock complianceClock;
        private final Metrics metrics;

        Decide(Store decided, Clock clock, Clock complianceClock, Metrics metrics) {
            this.decided = decided;
            this.clock = clock;
            this.complianceClock = complianceClock;
            this.metrics = metrics;
        }

        @Override
        void handle(Slot slot, boolean endOfBatch) {
            if (slot.command == null) {
                slot.decision = Decision.accept(List.of()); // an image request: nothing to decide
                return;
            }
            metrics.command();
            if (stopped.get()) {
                slot.decision = Decision.refuse(Refusal.WRITES_STOPPED);
                return;
            }
            long seq = decided.lastSeq() + 1;
            Instant now = clock.instant();
            Instant time = now.isBefore(decided.lastTime()) ? decided.lastTime() : now;
            Instant lockNow = complianceClock.instant();
            try {
                slot.decision = StateMachine.decide(decided, slot.command, seq, time, lockNow, slot.context.principal());
            } catch (RuntimeException e) {
                LOG.error("deciding {} failed", slot.command, e);
                slot.decision = Decision.refuse(Refusal.INTERNAL_ERROR);
                return;
            }
            if (!slot.decision.refused() && !slot.decision.events().isEmpty()) {
                slot.record = new Recorded(seq, time, lockNow, slot.context, slot.decision.events());
                decided.apply(slot.record);
            }
        }
    }

    /** Stage 2. Thread: the persist thread only; owns the journal appender. */
    private final class Persist extends Stage {
        private final Journal journal;
        private final SegmentStore segments;
        private final Metrics metrics;
        private final List<Slot> batch = new ArrayList<>();
        private final Set<Long> touched = new LinkedHashSet<>();

        Persist(Journal journal, SegmentStore segments, Metrics metrics) {
            this.journal = journal;
            this.segments = segments;
            this.metrics = metrics;
        }

        @Override
        void handle(Slot slot, boolean endOfBatch) {
            if (slot.record != null) {
                batch.add(slot);
                for (Event e : slot.record.events()) {
                    for (BlobRef b : BlobsReferenced.by(e)) {
                        touched.add(b.segment());
                    }
                }
            }
            if (endOfBatch) {
                commit();
            }
        }

        private int lastBatch;

        /**
         * The commit delay: after a commit of several records, more are surely on their way, so wait a
         * little before taking the next batch. The batches grow, and with them what each commit's two
         * syncs (and the wake-ups around them) cost is shared by more PUTs; on two cores that CPU is
         * what the PUT rate is short of. A commit of fewer records (a lone client) is followed at once.
         */
        @Override
        void afterBatch() {
            if (commitDelayNanos > 0 && lastBatch >= COMMIT_DELAY_MIN_RECORDS) {
                java.util.concurrent.locks.LockSupport.parkNanos(commitDelayNanos);
            }
            lastBatch = 0;
        }

        /** Data before metadata: segments first, then the records that point into them. */
        private void commit() {
            lastBatch = batch.size();
            if (batch.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            try {
                if (stopped.get()) {
                    throw new java.io.IOException("writes stopped by an earlier failure");
                }
                segments.sync(touched);
                for (Slot s : batch) {
                    s.journalIndex = journal.append(s.record);
                }
                journal.sync();
                metrics.committed(batch.size(), touched.size(), System.nanoTime() - start);
            } catch (Throwable e) {
                stop(e);
                batch.forEach(s -> s.failed = true);
            } finally {
                batch.clear();
                touched.clear();
            }
        }
    }

    /** Stage 3. Thread: the reply thread only; the sole writer of the published state. */
    private final class Reply implements EventHandler<Slot> {
        private final Store published;
        /** Written only by the reply thread. */
        private volatile long lastIndex;

        Reply(Store published, long lastIndex) {
            this.published = published;
            this.lastIndex = lastIndex;
        }

        @Override
        public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
            try {
                // Once a commit failed, a refusal or no-op may have been decided against records
                // that never became durable; only a slot whose own record was synced may be answered.
                if (slot.failed || (slot.record == null && stopped.get())) {
                    slot.done.accept(Decision.refuse(Refusal.WRITES_STOPPED));
                } else if (slot.onImage != null) {
                    copyForSnapshot(slot);
                } else {
                    if (slot.record != null) {
                        published.apply(slot.record);
                        lastIndex = slot.journalIndex;
                        Audit.overrides(slot.record);
                    }
                    slot.done.accept(slot.decision);
                }
            } catch (RuntimeException e) {
                LOG.error("completing a request failed", e);
            } finally {
                slot.clear();
            }
        }

        /**
         * Hands a copy of the published state to the snapshotter. A snapshot is optional: if the copy fails
         * (even for want of memory) the snapshot does, not the pipeline.
         */
        private void copyForSnapshot(Slot slot) {
            long t0 = System.nanoTime();
            PublishedImage image;
            try {
                image = new PublishedImage(published.image(), lastIndex, System.nanoTime() - t0);
            } catch (RuntimeException | OutOfMemoryError e) {
                slot.done.accept(Decision.refuse(Refusal.INTERNAL_ERROR));
                LOG.error("copying the state for a snapshot failed", e);
                return;
            }
            slot.onImage.accept(image);
        }
    }

    /** Any exception escaping a stage is a bug or a storage failure: stop taking writes. */
    private final class FailStop implements ExceptionHandler<Slot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, Slot event) {
            stop(ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            stop(ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            LOG.warn("pipeline stage failed on shutdown", ex);
        }
    }
}
