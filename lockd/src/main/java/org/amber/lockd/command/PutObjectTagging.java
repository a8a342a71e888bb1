package org.amber.lockd.command;

import java.util.Map;

/**
 * PutObjectTagging, and DeleteObjectTagging as the empty tag set; {@code versionId} null means the
 * current version.
 */
public record PutObjectTagging(String bucket, String key, String versionId, Map<String, String> tags) implements Command {
    public PutObjectTagging {
        tags = Map.copyOf(tags);
    }
}
