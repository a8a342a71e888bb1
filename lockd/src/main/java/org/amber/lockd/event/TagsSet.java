package org.amber.lockd.event;

import java.util.Map;

/** A version's tags were replaced (PutObjectTagging) or removed (DeleteObjectTagging: no tags). */
public record TagsSet(String bucket, String key, String versionId, Map<String, String> tags) implements Event {
    public TagsSet {
        tags = Map.copyOf(tags);
    }
}
