package org.amber.daemon;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wait strategy that blocks on every kind of dependency, not only on the producers' cursor.
 *
 * <p>Disruptor's blocking strategies block until the cursor moves but then busy-spin on the
 * upstream stage; in a three-stage pipeline the reply thread would spin through each fdatasync.
 * Here a waiter spins briefly, then waits on a monitor. Producers signal through the ring as usual;
 * each stage signals after it advances its own sequence at the end of a batch
 * ({@link Pipeline}'s stages use their sequence callback for that). A missed signal costs at most
 * the timed wait's bound. Thread: any.
 */
final class StageWaitStrategy implements WaitStrategy {
    private static final int SPINS = 200;
    /**
     * Every producer publish and every stage's end of batch signals, so this bound only matters when a
     * signal was skipped (a stage threw). Measured: with 1 ms the three idle stage threads used 0.7 of
     * a core between them; an appliance must idle quietly.
     */
    private static final long SAFETY_WAIT_MS = 50;
    private final Object mutex = new Object();
    /**
     * Threads in (or about to enter) the monitor wait. A signaller that sees none skips the monitor:
     * under load the stages rarely sleep, and 64 publishers contending for the monitor on every publish
     * cost more than the work. The waiter raises the count (a volatile read-modify-write) before it
     * re-reads the sequence; the signaller has moved the sequence (a release store, in Disruptor) and
     * issues a full fence before it reads the count, so one of the two always sees the other.
     */
    private final AtomicInteger waiters = new AtomicInteger();

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available;
        int spins = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins++ < SPINS) {
                Thread.onSpinWait();
                continue;
            }
            waiters.incrementAndGet();
            try {
                synchronized (mutex) {
                    if (dependentSequence.get() < sequence) {
                        barrier.checkAlert();
                        mutex.wait(SAFETY_WAIT_MS);
                    }
                }
            } finally {
                waiters.decrementAndGet();
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence();
        if (waiters.get() == 0) {
            return;
        }
        synchronized (mutex) {
            mutex.notifyAll();
        }
    }
}
