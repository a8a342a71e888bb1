package org.amber.lockd.event;

import org.amber.lockd.lock.DefaultRetention;

/**
 * Object Lock is enabled on the bucket (for good: no event disables it) with this default rule, or
 * with none ({@code rule} null, which also removes an earlier rule).
 */
public record ObjectLockConfigured(String bucket, DefaultRetention rule) implements Event {
}
