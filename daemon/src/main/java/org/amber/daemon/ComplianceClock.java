package org.amber.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The clock retention is measured against (OBJECT-LOCK-SPEC.md §5.10), and the time of every journal
 * record. It starts from its last value in the journal, so it does not run while the daemon is down;
 * it never goes backwards; while running it advances with the monotonic clock and follows the system
 * clock forward, but only by {@code catchUp} seconds per second of uptime at most. Setting the system
 * clock years ahead therefore releases nothing; setting it back holds nothing longer than the uptime.
 * Thread-safe.
 */
final class ComplianceClock extends Clock {
    /**
     * The most it may gain: a day per day of uptime, so retention runs at most twice as fast as real time
     * even while the system clock is far ahead; configuration may lower it, never raise it.
     */
    static final double MAX_CATCH_UP = 1.0;

    private final Clock system;
    private final LongSupplier nanos;
    private final Instant start;
    private final long startNanos;
    private final double catchUp;
    private Instant last;

    /**
     * @param resumeFrom where it starts: its last value in the journal, or the system clock at first start
     * @param catchUp    how many seconds it may gain on the monotonic clock per second of uptime, to
     *                   follow a system clock that is ahead (1.0: 24 hours per day)
     */
    ComplianceClock(Clock system, LongSupplier nanos, Instant resumeFrom, double catchUp) {
        if (!(catchUp >= 0 && catchUp <= MAX_CATCH_UP)) {
            throw new IllegalArgumentException("the compliance clock may catch up between 0 and 24 hours per day of uptime, not "
                    + catchUp * 24 + " (a faster clock would release retention early)");
        }
        this.system = system;
        this.nanos = nanos;
        this.start = resumeFrom;
        this.startNanos = nanos.getAsLong();
        this.catchUp = catchUp;
        this.last = resumeFrom;
    }

    @Override
    public synchronized Instant instant() {
        long elapsed = Math.max(0, nanos.getAsLong() - startNanos);
        Instant floor = start.plusNanos(elapsed);
        Instant ceiling = start.plusNanos(elapsed + (long) (elapsed * catchUp));
        Instant wall = system.instant();
        Instant t = wall.isBefore(floor) ? floor : wall.isAfter(ceiling) ? ceiling : wall;
        if (t.isBefore(last)) {
            t = last;
        }
        last = t;
        return t;
    }

    /** The system clock minus this one: positive when the system clock is ahead. */
    Duration skew() {
        Instant mine = instant();
        return Duration.between(mine, system.instant());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the compliance clock is UTC only");
    }
}
