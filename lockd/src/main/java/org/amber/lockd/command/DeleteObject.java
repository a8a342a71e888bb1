package org.amber.lockd.command;

/** DeleteObject; {@code versionId} is null for a simple (marker-creating) delete. */
public record DeleteObject(String bucket, String key, String versionId) implements Command {
}
