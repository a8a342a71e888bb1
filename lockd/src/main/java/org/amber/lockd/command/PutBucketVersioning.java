package org.amber.lockd.command;

import org.amber.lockd.Versioning;

/** PutBucketVersioning with {@code ENABLED} or {@code SUSPENDED}. */
public record PutBucketVersioning(String bucket, Versioning status) implements Command {
}
