package org.amber.lockd.event;

/** An empty bucket was deleted. */
public record BucketDeleted(String bucket) implements Event {
}
