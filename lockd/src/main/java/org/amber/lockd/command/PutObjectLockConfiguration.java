package org.amber.lockd.command;

import org.amber.lockd.lock.DefaultRetention;

/** PutObjectLockConfiguration: enable Object Lock (if not yet) with this default rule, or none. */
public record PutObjectLockConfiguration(String bucket, DefaultRetention rule) implements Command {
}
