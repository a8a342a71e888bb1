package org.amber.journal;

import java.util.List;
import org.amber.lockd.event.Recorded;

/**
 * What a journal replay found. Immutable; any thread.
 *
 * @param records                how many records were replayed
 * @param lastSeq                the seq of the last replayed record, 0 if none
 * @param cleanShutdown          true when the journal ends with a clean-shutdown marker (or is empty)
 * @param sinceLastCleanShutdown the newest records after the last marker, {@link #NEWEST_KEPT} at most: their
 *                               blobs must be re-verified (where a crash struck, only the newest can be damaged)
 * @param tornTail               null if none, else what was truncated and why
 * @param lastIndex              the journal queue index of record {@code lastSeq}, what a snapshot taken before the
 *                               next append names; -1 when unknown (no record, or the journal was just rebuilt)
 */
public record ReplayReport(long records, long lastSeq, boolean cleanShutdown, List<Recorded> sinceLastCleanShutdown,
                           String tornTail, long lastIndex) {
    /** How many of the records after the last clean-shutdown marker a replay keeps for re-verification. */
    public static final int NEWEST_KEPT = 1024;

    public ReplayReport {
        sinceLastCleanShutdown = List.copyOf(sinceLastCleanShutdown);
    }
}
