package org.amber.lockd.event;

import java.time.Instant;

/** A bucket was created. */
public record BucketCreated(String bucket, String owner, Instant created) implements Event {
}
