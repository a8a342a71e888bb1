package org.amber.journal;

import java.util.List;
import org.amber.lockd.event.Recorded;

/**
 * What a journal replay found. Immutable; any thread.
 *
 * @param records                how many records were replayed
 * @param lastSeq                the seq of the last replayed record, 0 if none
 * @param cleanShutdown          true when the journal ends with a clean-shutdown marker (or is empty)
 * @param sinceLastCleanShutdown the records after the last marker: their blobs must be re-verified
 * @param tornTail               null if none, else what was truncated and why
 */
public record ReplayReport(long records, long lastSeq, boolean cleanShutdown, List<Recorded> sinceLastCleanShutdown,
                           String tornTail) {
    public ReplayReport {
        sinceLastCleanShutdown = List.copyOf(sinceLastCleanShutdown);
    }
}
