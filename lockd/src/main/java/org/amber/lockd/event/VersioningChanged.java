package org.amber.lockd.event;

import org.amber.lockd.Versioning;

/** A bucket's versioning state was set. */
public record VersioningChanged(String bucket, Versioning status) implements Event {
}
