package org.amber.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.amber.lockd.Store;
import org.amber.lockd.event.Recorded;

/**
 * Replay applies every record to each state (the decided and the published one) on a thread per
 * state, in journal order, while the replaying thread only reads and decodes: decoding is the larger
 * part of a record's cost, so it gets a core of its own. Records are immutable, so the states share
 * them. {@link #finish()} waits until every state has caught up and rethrows what went wrong there.
 */
final class ParallelApply implements Consumer<Recorded>, AutoCloseable {
    /** Handed over in batches: a wake-up of another thread per record cost more than applying it. */
    private static final int BATCH = 512;
    private static final List<Recorded> END = List.of();
    private final List<Applier> appliers = new ArrayList<>();
    private List<Recorded> batch = new ArrayList<>(BATCH);

    ParallelApply(Store... states) {
        for (int i = 0; i < states.length; i++) {
            appliers.add(new Applier(states[i], "amber-replay-apply-" + i));
        }
    }

    @Override
    public void accept(Recorded r) {
        batch.add(r);
        if (batch.size() == BATCH) {
            handOver(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Waits for every state to apply everything given; rethrows the first failure. */
    void finish() {
        handOver(batch);
        batch = new ArrayList<>(BATCH);
        handOver(END);
        for (Applier a : appliers) {
            a.join();
        }
        for (Applier a : appliers) {
            a.rethrow();
        }
    }

    private void handOver(List<Recorded> b) {
        for (Applier a : appliers) {
            a.put(b);
        }
    }

    @Override
    public void close() {
        for (Applier a : appliers) {
            a.thread.interrupt(); // after finish() it has ended; after a failed replay it must not wait forever
        }
    }

    /** One state, its queue of batches and the thread that applies them. */
    private static final class Applier {
        private final BlockingQueue<List<Recorded>> queue = new ArrayBlockingQueue<>(16);
        private final Thread thread;
        private volatile Throwable failure;

        Applier(Store state, String name) {
            thread = new Thread(() -> {
                try {
                    for (List<Recorded> b = queue.take(); b != END; b = queue.take()) {
                        if (failure != null) {
                            continue; // keep taking, so that the replaying thread never blocks on a full queue
                        }
                        try {
                            b.forEach(state::apply);
                        } catch (Throwable e) {
                            failure = e;
                        }
                    }
                } catch (InterruptedException e) {
                    failure = e;
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        void put(List<Recorded> b) {
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during replay", e);
            }
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the state was being rebuilt", e);
            }
        }

        void rethrow() {
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure != null) {
                throw new IllegalStateException("rebuilding the state failed", failure);
            }
        }
    }
}
