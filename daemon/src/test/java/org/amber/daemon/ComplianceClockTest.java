package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The compliance clock against a system clock that is set ahead, set back, and a monotonic clock that runs. */
class ComplianceClockTest {
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    /** A system clock the test sets, like an administrator could. */
    static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void jump(Duration d) {
            now = now.plus(d);
        }
    }

    final SettableClock system = new SettableClock(T0);
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void run(Duration d) {
        nanos.addAndGet(d.toNanos());
        system.jump(d);
    }

    @Test
    void followsTheSystemClockWhenItAgrees() {
        ComplianceClock c = new ComplianceClock(system, nanos::get, T0, 1.0);
        run(Duration.ofHours(5));
        assertEquals(T0.plus(Duration.ofHours(5)), c.instant());
        assertEquals(Duration.ZERO, c.skew());
    }

    @Test
    void aSystemClockSetYearsAheadIsFollowedOnlyAtTheCatchUpRate() {
        ComplianceClock c = new ComplianceClock(system, nanos::get, T0, 1.0);
        system.jump(Duration.ofDays(3650));
        assertEquals(T0, c.instant(), "no uptime yet, no catching up");
        run(Duration.ofHours(1));
        assertEquals(T0.plus(Duration.ofHours(2)), c.instant(), "one hour of uptime: at most one hour gained");
        run(Duration.ofDays(1));
        assertEquals(T0.plus(Duration.ofHours(2 + 48)), c.instant());
        assertEquals(Duration.ofDays(3650).plusHours(25).minusHours(50), c.skew(), "the skew is visible");
        ComplianceClock slow = new ComplianceClock(system, nanos::get, T0, 0.25);
        run(Duration.ofHours(4));
        assertEquals(T0.plus(Duration.ofHours(5)), slow.instant(), "6 hours a day: 4 h uptime, 1 h gained");
    }

    @Test
    void aSystemClockSetBackIsIgnoredAndTheClockNeverGoesBackwards() {
        ComplianceClock c = new ComplianceClock(system, nanos::get, T0, 1.0);
        run(Duration.ofHours(1));
        Instant before = c.instant();
        system.jump(Duration.ofDays(-365));
        assertEquals(before, c.instant());
        run(Duration.ofMinutes(10));
        assertEquals(before.plus(Duration.ofMinutes(10)), c.instant(), "it runs with the monotonic clock");
    }

    @Test
    void itResumesFromItsLastValueNotFromTheSystemClock() {
        Instant persisted = T0.plus(Duration.ofDays(2));
        ComplianceClock c = new ComplianceClock(system, nanos::get, persisted, 1.0);
        assertEquals(persisted, c.instant(), "a system clock behind the journal does not pull it back");
        system.jump(Duration.ofDays(30));
        assertEquals(persisted, c.instant(), "the time the daemon was down does not count");
        assertThrows(IllegalArgumentException.class, () -> new ComplianceClock(system, nanos::get, T0, -1));
        assertThrows(IllegalArgumentException.class, () -> new ComplianceClock(system, nanos::get, T0, 1.01),
                "no setting makes it run faster than a day per day of uptime");
        assertThrows(IllegalArgumentException.class, () -> new ComplianceClock(system, nanos::get, T0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Config.from(java.util.Map.of("clock-catch-up-hours-per-day", "100000")));
        assertThrows(IllegalArgumentException.class, () -> Config.from(java.util.Map.of("clock-catch-up-hours-per-day", "Infinity")));
    }
}
