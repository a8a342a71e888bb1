package org.amber.lockd.command;

/** DeleteBucket: only an empty bucket (no versions, no delete markers) can be deleted. */
public record DeleteBucket(String bucket) implements Command {
}
