package org.amber.lockd.event;

import java.util.List;
import org.amber.lockd.ExtentMove;

/** Compaction moved these extents; every reference to a {@code from} now names its {@code to}. */
public record ExtentsMoved(List<ExtentMove> moves) implements Event {
    public ExtentsMoved {
        moves = List.copyOf(moves);
    }
}
