package org.amber.lockd.command;

/**
 * CreateBucket. The name has been validated by the protocol layer. With {@code objectLockEnabled} the
 * bucket is created versioned and with Object Lock on (OBJECT-LOCK-SPEC.md §2.1).
 */
public record CreateBucket(String bucket, boolean objectLockEnabled) implements Command {
    public CreateBucket(String bucket) {
        this(bucket, false);
    }
}
