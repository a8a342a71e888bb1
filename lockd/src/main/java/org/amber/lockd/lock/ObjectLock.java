package org.amber.lockd.lock;

/**
 * The lock state of one version: its retention (null if none was ever set, or it was removed) and its
 * legal hold (null if none was ever set; OFF is remembered). Immutable; a change replaces it whole.
 */
public record ObjectLock(Retention retention, LegalHold legalHold) {
    public static final ObjectLock NONE = new ObjectLock(null, null);

    public ObjectLock withRetention(Retention r) {
        return new ObjectLock(r, legalHold);
    }

    public ObjectLock withLegalHold(LegalHold h) {
        return new ObjectLock(retention, h);
    }
}
