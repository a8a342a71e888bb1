package org.amber.lockd.command;

import java.util.List;
import org.amber.lockd.ExtentMove;

/**
 * Compaction: the bytes of these extents were copied (and verified) elsewhere; point every version and
 * part that references a {@code from} at its {@code to}. Moves of extents nothing references any more
 * are dropped from the decision.
 */
public record RelocateExtents(List<ExtentMove> moves) implements Command {
    public RelocateExtents {
        moves = List.copyOf(moves);
    }
}
