package org.amber.journal;

import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The clock Chronicle uses to pick the cycle file of an append. It never goes back: if the system
 * clock is set back past a cycle boundary, Chronicle would otherwise try to write into an older,
 * already finished cycle and fail (WriteAfterEOFException), stopping the daemon. Thread-safe.
 */
final class MonotonicTimeProvider implements TimeProvider {
    private final TimeProvider source;
    private final AtomicLong highest = new AtomicLong(Long.MIN_VALUE);

    MonotonicTimeProvider(TimeProvider source) {
        this.source = source;
    }

    /** Never report a time before {@code millis} (the start of the newest cycle on disk). */
    void raiseFloor(long millis) {
        highest.accumulateAndGet(millis, Math::max);
    }

    @Override
    public long currentTimeMillis() {
        return highest.accumulateAndGet(source.currentTimeMillis(), Math::max);
    }

    @Override
    public long currentTimeMicros() {
        return currentTimeMillis() * 1_000L;
    }

    @Override
    public long currentTimeNanos() {
        return currentTimeMillis() * 1_000_000L;
    }
}
