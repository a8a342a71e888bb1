package org.amber.lockd.lock;

/** What keeps a version from being destroyed right now, if anything (OBJECT-LOCK-SPEC.md §5.1). */
public enum Protection {
    NONE,
    /** A legal hold ON: no one may destroy the version until the hold is turned OFF. */
    LEGAL_HOLD,
    /** Active COMPLIANCE retention: no one may destroy it before the date. */
    COMPLIANCE,
    /** Active GOVERNANCE retention: only a caller allowed to bypass, who asks to, may destroy it. */
    GOVERNANCE
}
