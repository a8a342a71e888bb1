package org.amber.lockd.lock;

import java.time.Instant;
import java.util.Objects;

/**
 * A version's retention: a mode and the instant until which it protects (exclusive: protection ends
 * when the compliance clock reaches it). Kept after it expires. Instants are held at millisecond
 * precision, floored, so the same value sent twice compares equal (OBJECT-LOCK-SPEC.md §10 D6).
 */
public record Retention(LockMode mode, Instant retainUntil) {
    public Retention {
        Objects.requireNonNull(mode, "mode");
        retainUntil = floorToMillis(Objects.requireNonNull(retainUntil, "retainUntil"));
    }

    /** Whether it still protects at {@code now}. */
    public boolean activeAt(Instant now) {
        return now.isBefore(retainUntil);
    }

    /** {@code t} without its sub-millisecond part (a floor: an Instant's nanos count forward from its second). */
    public static Instant floorToMillis(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
