package org.amber.journal;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * How the journal's Chronicle queues are built: binary wire, SYNC mode (so an appender sync is
 * msync MS_SYNC), one roll cycle, and a clock that never goes back. Immutable; any thread.
 *
 * @param rollCycle daily files in production; tests use a secondly cycle to exercise rolling
 * @param clock     the wall clock behind the monotonic time provider
 */
record QueueConfig(RollCycle rollCycle, TimeProvider clock) {
    static {
        // Chronicle phones home (analytics) unless this is set before its classes initialise. The
        // launcher and surefire set it; this covers any other JVM that reaches the journal first.
        if (System.getProperty("chronicle.analytics.disable") == null) {
            System.setProperty("chronicle.analytics.disable", "true");
        }
    }

    static final QueueConfig PRODUCTION = new QueueConfig(RollCycles.FAST_DAILY, SystemTimeProvider.INSTANCE);

    /** Builds (opening or creating) the queue in {@code dir}; its clock never precedes the newest cycle. */
    SingleChronicleQueue build(Path dir, StoreFileListener listener) {
        MonotonicTimeProvider time = new MonotonicTimeProvider(clock);
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .syncMode(SyncMode.SYNC)
                .timeProvider(time)
                .storeFileListener(listener)
                .build();
        int last = queue.lastCycle();
        if (last >= 0) {
            time.raiseFloor((long) last * queue.rollCycle().lengthInMillis() + queue.epoch());
        }
        return queue;
    }
}
