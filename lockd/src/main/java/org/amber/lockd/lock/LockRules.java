package org.amber.lockd.lock;

import java.time.Instant;
import org.amber.lockd.ObjectVersion;

/**
 * The lock rules, pure: the one predicate every path that can destroy a version calls, and the
 * retention transition table of PutObjectRetention (OBJECT-LOCK-SPEC.md §4.1, §5.1). {@code now} is
 * always the compliance clock, never the system clock.
 */
public final class LockRules {
    private LockRules() {
    }

    /** What protects {@code v} at {@code now}; a delete marker is never protected. */
    public static Protection protection(ObjectVersion v, Instant now) {
        if (v.deleteMarker()) {
            return Protection.NONE;
        }
        ObjectLock lock = v.lock();
        if (lock.legalHold() == LegalHold.ON) {
            return Protection.LEGAL_HOLD;
        }
        Retention r = lock.retention();
        if (r != null && r.activeAt(now)) {
            return r.mode() == LockMode.COMPLIANCE ? Protection.COMPLIANCE : Protection.GOVERNANCE;
        }
        return Protection.NONE;
    }

    /**
     * THE lock predicate: may {@code v} be destroyed at {@code now}? {@code bypassGovernance} is true only
     * when the caller sent the bypass header and is allowed s3:BypassGovernanceRetention on the version.
     */
    public static Verdict mayDestroy(ObjectVersion v, Instant now, boolean bypassGovernance) {
        switch (protection(v, now)) {
            case NONE:
                return Verdict.ALLOW;
            case GOVERNANCE:
                return bypassGovernance ? Verdict.ALLOW_BYPASSING_GOVERNANCE : Verdict.DENY;
            default:
                return Verdict.DENY;
        }
    }

    /**
     * May a version's retention change from {@code existing} (null: none) to {@code requested} (null:
     * remove it) at {@code now}? Expired retention counts as none (§10 D4). Lengthening or keeping the
     * date in the same mode never needs a bypass; COMPLIANCE can never be shortened, removed or turned
     * into GOVERNANCE; GOVERNANCE can be shortened, removed or turned into COMPLIANCE only bypassing.
     */
    public static Verdict retentionChange(Retention existing, Retention requested, Instant now, boolean bypassGovernance) {
        if (existing == null || !existing.activeAt(now)) {
            return Verdict.ALLOW;
        }
        boolean sameMode = requested != null && requested.mode() == existing.mode();
        boolean notShorter = requested != null && !requested.retainUntil().isBefore(existing.retainUntil());
        if (sameMode && notShorter) {
            return Verdict.ALLOW;
        }
        if (existing.mode() == LockMode.COMPLIANCE) {
            return Verdict.DENY;
        }
        return bypassGovernance ? Verdict.ALLOW_BYPASSING_GOVERNANCE : Verdict.DENY;
    }

    /** A rule's answer; ALLOW_BYPASSING_GOVERNANCE is allowed, and is an override the journal marks. */
    public enum Verdict {
        ALLOW,
        ALLOW_BYPASSING_GOVERNANCE,
        DENY;

        public boolean allowed() {
            return this != DENY;
        }
    }
}
