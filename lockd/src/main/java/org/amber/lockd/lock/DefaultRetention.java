package org.amber.lockd.lock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A bucket's default retention rule: a mode and a period of days or of years (exactly one is positive).
 * Applies to versions created while it is in force, from their creation time (§3.7).
 */
public record DefaultRetention(LockMode mode, int days, int years) {
    /** S3's caps on a default period (OBJECT-LOCK-SPEC.md §2.2 item 7). */
    public static final int MAX_DAYS = 36_500;
    public static final int MAX_YEARS = 100;

    public DefaultRetention {
        if ((days > 0) == (years > 0) || days < 0 || years < 0) {
            throw new IllegalArgumentException("exactly one of days and years must be positive: " + days + ", " + years);
        }
    }

    /**
     * The retention of a version created at {@code created}: plus days of 24 hours, or plus calendar
     * years in UTC; a 29 February that lands on a non-leap year rolls forward to 1 March, never back.
     */
    public Retention retentionFor(Instant created) {
        if (days > 0) {
            return new Retention(mode, created.plusSeconds(days * 86_400L));
        }
        ZonedDateTime start = created.atZone(ZoneOffset.UTC);
        ZonedDateTime end = start.plusYears(years);
        if (start.getMonthValue() == 2 && start.getDayOfMonth() == 29 && end.getDayOfMonth() == 28) {
            end = end.plusDays(1);
        }
        return new Retention(mode, end.toInstant());
    }
}
