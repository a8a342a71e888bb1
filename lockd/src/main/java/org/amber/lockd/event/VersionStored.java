package org.amber.lockd.event;

import org.amber.lockd.ObjectVersion;

/** A version (object data or a delete marker) became the newest version of its key. */
public record VersionStored(String bucket, ObjectVersion version) implements Event {
}
