package org.amber.lockd.event;

import java.util.List;

/**
 * These blob segments hold nothing any version or upload references; their files are deleted once
 * this event is durable (and again at start if a crash came in between). Nothing may reference them
 * afterwards.
 */
public record SegmentsDropped(List<Long> segments) implements Event {
    public SegmentsDropped {
        segments = List.copyOf(segments);
    }
}
