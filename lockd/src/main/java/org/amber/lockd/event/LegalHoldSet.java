package org.amber.lockd.event;

import org.amber.lockd.lock.LegalHold;

/** PutObjectLegalHold: a version's legal hold is now {@code status}. */
public record LegalHoldSet(String bucket, String key, String versionId, LegalHold status) implements Event {
}
