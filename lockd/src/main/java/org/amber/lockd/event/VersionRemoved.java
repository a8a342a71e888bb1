package org.amber.lockd.event;

/**
 * A version was permanently removed (a versioned delete, or the "null" version being replaced).
 * This is the only event that destroys a version; the lock predicate
 * ({@link org.amber.lockd.lock.LockRules#mayDestroy}) guards every decision that produces it.
 *
 * @param governanceBypassed the version was under active GOVERNANCE retention and a caller allowed to
 *                           bypass it did: an override, audited as such
 */
public record VersionRemoved(String bucket, String key, String versionId, boolean governanceBypassed) implements Event {
    /** A removal that overrode nothing. */
    public VersionRemoved(String bucket, String key, String versionId) {
        this(bucket, key, versionId, false);
    }
}
