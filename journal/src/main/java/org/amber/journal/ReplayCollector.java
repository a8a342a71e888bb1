package org.amber.journal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.amber.lockd.event.Recorded;

/**
 * Checks and applies replayed entries in order: seqs must rise by exactly one, markers must name
 * the record before them. Collects what the {@link ReplayReport} says. Confined to the replaying thread.
 */
final class ReplayCollector implements QueueScanner.Visitor {
    private final Consumer<Recorded> apply;
    /** The seq of the record a snapshot already holds (the first entry then read): checked, not applied; 0 for none. */
    private final long alreadyApplied;
    private long lastIndex = -1;
    /** The newest records since the last marker, at most {@link ReplayReport#NEWEST_KEPT}: not all of a million. */
    private final ArrayDeque<Recorded> sinceMarker = new ArrayDeque<>();
    private long records;
    private long lastSeq;
    private boolean endsWithMarker = true;

    ReplayCollector(Consumer<Recorded> apply, long alreadyApplied) {
        this.apply = apply;
        this.alreadyApplied = alreadyApplied;
    }

    @Override
    public void accept(Object entry, byte[] frame, long index) throws IOException {
        if (entry instanceof CleanShutdown) {
            marker((CleanShutdown) entry);
            return;
        }
        Recorded r = (Recorded) entry;
        if (r.seq() <= alreadyApplied) {
            if (lastSeq != 0 || r.seq() != alreadyApplied) {
                throw new IOException("journal does not follow its snapshot: record " + r.seq() + " where " + alreadyApplied + " was expected");
            }
        } else {
            checkSeq(r.seq());
            apply.accept(r);
            records++;
        }
        lastSeq = r.seq();
        lastIndex = index;
        if (sinceMarker.size() == ReplayReport.NEWEST_KEPT) {
            sinceMarker.removeFirst();
        }
        sinceMarker.addLast(r);
        endsWithMarker = false;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** The queue index of the last record read (applied, or the snapshot's); -1 for none. */
    long lastIndex() {
        return lastIndex;
    }

    ReplayReport report(String tornTail, long index) {
        return new ReplayReport(records, lastSeq, endsWithMarker && tornTail == null, List.copyOf(sinceMarker), tornTail, index);
    }

    private void marker(CleanShutdown m) throws IOException {
        if (m.lastSeq() != lastSeq) {
            throw new IOException("journal corrupt: clean-shutdown marker names seq " + m.lastSeq() + " but follows " + lastSeq);
        }
        sinceMarker.clear();
        endsWithMarker = true;
    }

    /** Seq starts anywhere from 1 (older records may have been trimmed) and then rises by exactly 1. */
    private void checkSeq(long seq) throws IOException {
        if (lastSeq == 0 ? seq >= 1 : seq == lastSeq + 1) {
            return;
        }
        String kind = seq <= lastSeq ? "regression" : "gap";
        throw new IOException("journal corrupt: seq " + kind + ", record " + seq + " follows " + lastSeq);
    }
}
