package org.amber.lockd.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.lock.LockRules.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lock predicate (OBJECT-LOCK-SPEC.md §5.1) and the retention transition table (§4.1), row by row.
 * NOW is the compliance clock; "active" retention ends after it, "expired" before or at it.
 */
class LockRulesTest {
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

    static Retention retention(String mode, String when) {
        if ("none".equals(mode)) {
            return null;
        }
        Instant until = switch (when) {
            case "active" -> NOW.plusSeconds(86_400);
            case "expired" -> NOW.minusSeconds(1);
            case "boundary" -> NOW;
            default -> throw new IllegalArgumentException(when);
        };
        return new Retention(LockMode.valueOf(mode), until);
    }

    static ObjectVersion version(Retention r, LegalHold hold, boolean marker) {
        ObjectVersion v = marker ? ObjectVersion.deleteMarker("k", "v", 1, NOW, "o")
                : new ObjectVersion("k", "v", 1, false, NOW, 1, "e", null, ObjectMeta.NONE, "o");
        return v.withLock(new ObjectLock(r, hold));
    }

    @ParameterizedTest(name = "{0} {1}, hold {2}, marker {3}: {4}; bypassing: {5}, {6}")
    @CsvSource({
            // mode, retention, legal hold, delete marker, protection, verdict without bypass, verdict with bypass
            "none,       -,        -,   false, NONE,       ALLOW, ALLOW",
            "GOVERNANCE, active,   -,   false, GOVERNANCE, DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "GOVERNANCE, expired,  -,   false, NONE,       ALLOW, ALLOW",
            "GOVERNANCE, boundary, -,   false, NONE,       ALLOW, ALLOW",
            "COMPLIANCE, active,   -,   false, COMPLIANCE, DENY,  DENY",
            "COMPLIANCE, expired,  -,   false, NONE,       ALLOW, ALLOW",
            "COMPLIANCE, boundary, -,   false, NONE,       ALLOW, ALLOW",
            "none,       -,        ON,  false, LEGAL_HOLD, DENY,  DENY",
            "none,       -,        OFF, false, NONE,       ALLOW, ALLOW",
            "GOVERNANCE, active,   ON,  false, LEGAL_HOLD, DENY,  DENY",
            "COMPLIANCE, expired,  ON,  false, LEGAL_HOLD, DENY,  DENY",
            "GOVERNANCE, active,   OFF, false, GOVERNANCE, DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "COMPLIANCE, active,   ON,  true,  NONE,       ALLOW, ALLOW",
    })
    void thePredicate(String mode, String when, String hold, boolean marker, Protection protection, Verdict plain, Verdict bypassing) {
        ObjectVersion v = version(retention(mode, when), "-".equals(hold) ? null : LegalHold.valueOf(hold), marker);
        assertEquals(protection, LockRules.protection(v, NOW));
        assertEquals(plain, LockRules.mayDestroy(v, NOW, false));
        assertEquals(bypassing, LockRules.mayDestroy(v, NOW, true));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}: {4} / bypassing {5}")
    @CsvSource({
            // existing mode, existing state, requested mode, requested date (relative to existing), without bypass, with bypass
            "none,       -,       GOVERNANCE, later,   ALLOW, ALLOW",
            "none,       -,       remove,     -,       ALLOW, ALLOW",
            "GOVERNANCE, expired, GOVERNANCE, earlier, ALLOW, ALLOW",
            "GOVERNANCE, expired, remove,     -,       ALLOW, ALLOW",
            "COMPLIANCE, expired, GOVERNANCE, later,   ALLOW, ALLOW",
            "COMPLIANCE, expired, remove,     -,       ALLOW, ALLOW",
            "GOVERNANCE, active,  GOVERNANCE, later,   ALLOW, ALLOW",
            "GOVERNANCE, active,  GOVERNANCE, same,    ALLOW, ALLOW",
            "GOVERNANCE, active,  GOVERNANCE, earlier, DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "GOVERNANCE, active,  COMPLIANCE, later,   DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "GOVERNANCE, active,  COMPLIANCE, earlier, DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "GOVERNANCE, active,  remove,     -,       DENY,  ALLOW_BYPASSING_GOVERNANCE",
            "COMPLIANCE, active,  COMPLIANCE, later,   ALLOW, ALLOW",
            "COMPLIANCE, active,  COMPLIANCE, same,    ALLOW, ALLOW",
            "COMPLIANCE, active,  COMPLIANCE, earlier, DENY,  DENY",
            "COMPLIANCE, active,  GOVERNANCE, later,   DENY,  DENY",
            "COMPLIANCE, active,  GOVERNANCE, earlier, DENY,  DENY",
            "COMPLIANCE, active,  remove,     -,       DENY,  DENY",
    })
    void theRetentionTransitionTable(String mode, String when, String toMode, String toWhen, Verdict plain, Verdict bypassing) {
        Retention existing = retention(mode, when);
        Instant base = existing == null ? NOW.plusSeconds(3600) : existing.retainUntil();
        Retention requested = "remove".equals(toMode) ? null : new Retention(LockMode.valueOf(toMode), switch (toWhen) {
            case "later" -> base.plusSeconds(3600);
            case "same" -> base;
            case "earlier" -> base.minusSeconds(60);
            default -> throw new IllegalArgumentException(toWhen);
        });
        assertEquals(plain, LockRules.retentionChange(existing, requested, NOW, false));
        assertEquals(bypassing, LockRules.retentionChange(existing, requested, NOW, true));
    }

    @Test
    void retentionIsComparedAtMillisecondsFlooredSoTheSameValueResentIsNotAShortening() {
        Retention stored = new Retention(LockMode.COMPLIANCE, Instant.parse("2031-01-01T00:00:10.123456Z"));
        assertEquals(Instant.parse("2031-01-01T00:00:10.123Z"), stored.retainUntil());
        Retention resent = new Retention(LockMode.COMPLIANCE, Instant.parse("2031-01-01T00:00:10.123999Z"));
        assertEquals(Verdict.ALLOW, LockRules.retentionChange(stored, resent, NOW, false));
        Retention wholeSeconds = new Retention(LockMode.COMPLIANCE, Instant.parse("2031-01-01T00:00:10Z"));
        assertEquals(Verdict.DENY, LockRules.retentionChange(stored, wholeSeconds, NOW, false), "dropping the fraction shortens it");
    }

    @Test
    void defaultRetentionCountsFromTheVersionsCreation() {
        Instant created = Instant.parse("2028-02-29T10:15:30.250Z");
        assertEquals(new Retention(LockMode.GOVERNANCE, Instant.parse("2028-05-29T10:15:30.250Z")),
                new DefaultRetention(LockMode.GOVERNANCE, 90, 0).retentionFor(created), "days are 24 hours each");
        assertEquals(Instant.parse("2029-03-01T10:15:30.250Z"),
                new DefaultRetention(LockMode.COMPLIANCE, 0, 1).retentionFor(created).retainUntil(), "29 Feb rolls forward, never back");
        assertEquals(Instant.parse("2032-02-29T10:15:30.250Z"),
                new DefaultRetention(LockMode.COMPLIANCE, 0, 4).retentionFor(created).retainUntil());
        assertEquals(Instant.parse("2031-06-01T00:00:00Z"),
                new DefaultRetention(LockMode.COMPLIANCE, 0, 1).retentionFor(Instant.parse("2030-06-01T00:00:00Z")).retainUntil());
        for (int[] bad : List.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {-1, 0}, new int[] {0, -2})) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new DefaultRetention(LockMode.GOVERNANCE, bad[0], bad[1]));
        }
    }
}
