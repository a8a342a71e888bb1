package org.amber.lockd.command;

/**
 * DeleteObject; {@code versionId} is null for a simple (marker-creating) delete.
 *
 * @param bypassGovernance the caller sent {@code x-amz-bypass-governance-retention: true} and is allowed
 *                         s3:BypassGovernanceRetention on the object
 */
public record DeleteObject(String bucket, String key, String versionId, boolean bypassGovernance) implements Command {
    public DeleteObject(String bucket, String key, String versionId) {
        this(bucket, key, versionId, false);
    }
}
