package org.amber.lockd.command;

import org.amber.lockd.lock.LegalHold;

/** PutObjectLegalHold on a version (the current one when {@code versionId} is null). */
public record PutObjectLegalHold(String bucket, String key, String versionId, LegalHold status) implements Command {
}
