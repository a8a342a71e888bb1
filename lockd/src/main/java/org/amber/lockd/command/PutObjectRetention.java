package org.amber.lockd.command;

import org.amber.lockd.lock.Retention;

/**
 * PutObjectRetention on a version (the current one when {@code versionId} is null); {@code retention}
 * null removes it.
 *
 * @param bypassGovernance the caller sent the bypass header and is allowed s3:BypassGovernanceRetention
 */
public record PutObjectRetention(String bucket, String key, String versionId, Retention retention, boolean bypassGovernance)
        implements Command {
}
