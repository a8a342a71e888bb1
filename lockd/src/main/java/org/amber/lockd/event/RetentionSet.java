package org.amber.lockd.event;

import org.amber.lockd.lock.Retention;

/**
 * PutObjectRetention: a version's retention is now {@code retention} (null: removed).
 *
 * @param governanceBypassed the change shortened, removed or re-moded active GOVERNANCE retention by a
 *                           caller allowed to bypass it: an override, audited as such
 */
public record RetentionSet(String bucket, String key, String versionId, Retention retention, boolean governanceBypassed)
        implements Event {
}
