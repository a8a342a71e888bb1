package org.amber.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.amber.lockd.Store;
import org.amber.lockd.event.Recorded;

/**
 * Replay applies every record to both states; the published state is built on a thread of its own,
 * in the same order, while the replaying thread decodes and builds the decided state. Records are
 * immutable, so both states share them. {@link #finish()} waits until the second state has caught up
 * and rethrows what went wrong there.
 */
final class ParallelApply implements Consumer<Recorded>, AutoCloseable {
    /** Handed over in batches: a wake-up of the other thread per record cost more than applying it. */
    private static final int BATCH = 512;
    private static final List<Recorded> END = List.of();
    private final Store first;
    private final BlockingQueue<List<Recorded>> queue = new ArrayBlockingQueue<>(16);
    private List<Recorded> batch = new ArrayList<>(BATCH);
    private final Thread thread;
    private volatile Throwable failure;

    ParallelApply(Store first, Store second) {
        this.first = first;
        this.thread = new Thread(() -> {
            try {
                for (List<Recorded> b = queue.take(); b != END; b = queue.take()) {
                    if (failure == null) {
                        b.forEach(second::apply);
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }, "amber-replay-published");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void accept(Recorded r) {
        first.apply(r);
        batch.add(r);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits for the second state to apply everything given; rethrows its failure. */
    void finish() {
        put(batch);
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the published state was being rebuilt", e);
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure != null) {
            throw new IllegalStateException("rebuilding the published state failed", failure);
        }
    }

    private void put(List<Recorded> b) {
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during replay", e);
        }
    }

    @Override
    public void close() {
        thread.interrupt(); // after finish() it has ended; after a failed replay it must not wait forever
    }
}
