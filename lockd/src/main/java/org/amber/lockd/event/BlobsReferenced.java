package org.amber.lockd.event;

import java.util.List;
import org.amber.lockd.BlobRef;

/**
 * The blob extents an event points at: what must be durable before the event is journaled, and what
 * replay re-verifies after a crash.
 */
public final class BlobsReferenced {
    private BlobsReferenced() {
    }

    /** The non-empty extents {@code e} references; empty for events that reference no bytes. */
    public static List<BlobRef> by(Event e) {
        if (e instanceof VersionStored s) {
            return s.version().extents();
        } else if (e instanceof PartStored p && p.part().blob().length() > 0) {
            return List.of(p.part().blob());
        } else if (e instanceof ExtentsMoved m) {
            return m.moves().stream().map(org.amber.lockd.ExtentMove::to).toList();
        }
        return List.of();
    }
}
