package org.amber.lockd.event;

/**
 * A version was permanently removed (a versioned delete, or the "null" version being replaced).
 * This is the only event that destroys a version; issue 4's lock predicate guards every path that
 * produces it.
 */
public record VersionRemoved(String bucket, String key, String versionId) implements Event {
}
