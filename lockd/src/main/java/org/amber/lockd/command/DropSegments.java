package org.amber.lockd.command;

import java.util.Set;

/**
 * Space reclamation: drop these blob segments, closed for writing, if nothing references them. The
 * decision checks every version and every part; only unreferenced ones are dropped, and no later
 * command may reference a dropped segment.
 */
public record DropSegments(Set<Long> candidates) implements Command {
    public DropSegments {
        candidates = Set.copyOf(candidates);
    }
}
