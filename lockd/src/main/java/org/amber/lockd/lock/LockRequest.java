package org.amber.lockd.lock;

/**
 * The lock a write asks for with its headers (PutObject, CopyObject, CreateMultipartUpload): an explicit
 * retention and/or a legal hold; either may be null. Without an explicit retention the bucket's default
 * rule, if any, applies when the version is created.
 */
public record LockRequest(Retention retention, LegalHold legalHold) {
    public static final LockRequest NONE = new LockRequest(null, null);

    public boolean isEmpty() {
        return retention == null && legalHold == null;
    }
}
