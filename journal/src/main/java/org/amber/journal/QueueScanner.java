package org.amber.journal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.TreeSet;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads a journal queue from the start, hands every readable entry to a visitor in order, and
 * tells a torn tail (damage after which nothing readable follows: truncate it) from damage in the
 * middle (a readable record follows: fail). Single use; confined to the calling thread.
 */
final class QueueScanner {
    /** Receives each entry ({@code Recorded} or {@link CleanShutdown}) with the frame it was decoded from and its queue index. */
    @FunctionalInterface
    interface Visitor {
        void accept(Object entry, byte[] frame, long index) throws IOException;
    }

    /** @param tornTail null when the journal ends cleanly, else what is unreadable at its end */
    record Result(long entries, String tornTail) {
    }

    /** A place in a cycle file. */
    private record Spot(Path file, long offset, int cycle) {
        @Override
        public String toString() {
            return file == null ? "the start of the journal" : file.getFileName() + " @0x" + Long.toHexString(offset);
        }
    }

    private final SingleChronicleQueue queue;
    private final Visitor visitor;
    private final ExcerptTailer tailer;
    private long entries;
    private Spot end;
    private Spot damage;
    private String damageReason;

    private QueueScanner(SingleChronicleQueue queue, Visitor visitor) {
        this.queue = queue;
        this.visitor = visitor;
        this.tailer = queue.createTailer();
    }

    static Result scan(SingleChronicleQueue queue, Visitor visitor) throws IOException {
        return scan(queue, visitor, -1);
    }

    /**
     * As {@link #scan(SingleChronicleQueue, Visitor)}, from the entry at queue index {@code from} (which the
     * caller has checked exists) instead of the first; -1 for the first.
     */
    static Result scan(SingleChronicleQueue queue, Visitor visitor, long from) throws IOException {
        QueueScanner scanner = new QueueScanner(queue, visitor);
        try {
            if (from >= 0 && !scanner.tailer.moveToIndex(from)) {
                throw new IOException("journal " + queue.fileAbsolutePath() + " has no entry at index 0x" + Long.toHexString(from));
            }
            scanner.readAll();
            return new Result(scanner.entries, scanner.tornTail());
        } finally {
            scanner.tailer.close();
        }
    }

    private void readAll() throws IOException {
        while (true) {
            try {
                if (readOne()) {
                    continue;
                }
            } catch (RuntimeException e) {
                markDamage(end != null ? end : new Spot(null, -1, queue.firstCycle() - 1), "Chronicle cannot read it: " + e);
                return;
            }
            if (!moveToNextCycleAfterCleanEnd()) {
                return;
            }
        }
    }

    /** Reads one document; false at the end of what the tailer can reach. */
    private boolean readOne() throws IOException {
        byte[] frame;
        Spot header;
        Spot after;
        long index;
        try (DocumentContext dc = tailer.readingDocument(true)) {
            if (!dc.isPresent()) {
                return false;
            }
            index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            Path file = currentFile();
            header = new Spot(file, bytes.readPosition() - 4, tailer.cycle());
            after = new Spot(file, bytes.readLimit(), tailer.cycle());
            if (dc.isMetaData()) {
                if (damage == null) {
                    end = after;
                }
                return true;
            }
            frame = bytes.readRemaining() > EventCodec.MAX_FRAME_BYTES ? null : bytes.toByteArray();
        }
        accept(frame, header, after, index);
        return true;
    }

    private void accept(byte[] frame, Spot header, Spot after, long index) throws IOException {
        Object entry;
        try {
            if (frame == null) {
                throw new CorruptRecordException("document larger than " + EventCodec.MAX_FRAME_BYTES + " bytes");
            }
            entry = EventCodec.decodeEntry(frame);
        } catch (CorruptRecordException e) {
            markDamage(header, e.getMessage());
            return;
        }
        if (damage != null) {
            throw middle(header);
        }
        visitor.accept(entry, frame, index);
        entries++;
        end = after;
    }

    /**
     * Chronicle's tailer stops at the end of a cycle that lacks its end-of-cycle marker even when a
     * later cycle exists; if nothing was torn there, continue with the next cycle.
     */
    private boolean moveToNextCycleAfterCleanEnd() throws IOException {
        if (damage != null || end == null || TailProbe.writtenAfter(end.file, end.offset)) {
            return false;
        }
        NavigableSet<Long> later = cyclesAfter(end.cycle);
        return !later.isEmpty() && tailer.moveToCycle(later.first().intValue());
    }

    private void markDamage(Spot at, String reason) {
        if (damage == null) {
            damage = at;
            damageReason = reason;
        }
    }

    /** Null for a clean end; a description of the torn tail; or an IOException for damage in the middle. */
    private String tornTail() throws IOException {
        if (damage == null && end != null && TailProbe.writtenAfter(end.file, end.offset)) {
            markDamage(end, "an incomplete record: a write was interrupted, or a header was lost");
        }
        if (damage == null) {
            return null;
        }
        long intact = damage.file == null ? -1 : TailProbe.findIntactFrame(damage.file, damage.offset + 4);
        if (intact >= 0) {
            throw middle(new Spot(damage.file, intact, damage.cycle));
        }
        checkNothingReadableAfter(damage.cycle);
        return "unreadable data at " + damage + " (" + damageReason + "), nothing readable after it";
    }

    /** Damage is only a torn tail if no later cycle holds a readable record either. */
    private void checkNothingReadableAfter(int cycle) throws IOException {
        for (Long later : cyclesAfter(cycle)) {
            try (ExcerptTailer t = queue.createTailer()) {
                if (t.moveToCycle(later.intValue())) {
                    checkNothingReadableIn(t, later.intValue());
                }
            } catch (RuntimeException e) {
                // Chronicle cannot read this cycle any further: nothing readable there.
            }
        }
    }

    private void checkNothingReadableIn(ExcerptTailer t, int cycle) throws IOException {
        while (t.cycle() == cycle) {
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                long at = dc.wire().bytes().readPosition() - 4;
                byte[] frame = toBytes(dc);
                if (EventCodec.isIntactFrame(frame, 0, frame.length)) {
                    throw middle(new Spot(currentFile(t), at, cycle));
                }
            }
        }
    }

    /** The existing cycles after {@code cycle} (Chronicle's listCyclesBetween needs both bounds to exist). */
    private NavigableSet<Long> cyclesAfter(int cycle) {
        int first = queue.firstCycle();
        int last = queue.lastCycle();
        if (last < 0 || last <= cycle) {
            return new TreeSet<>();
        }
        return queue.listCyclesBetween(first, last).tailSet((long) cycle, false);
    }

    private IOException middle(Spot readable) {
        return new IOException("journal " + queue.fileAbsolutePath() + " is damaged in the middle: the record at " + damage
                + " is unreadable (" + damageReason + ") but a readable record follows at " + readable
                + "; refusing to drop it");
    }

    private Path currentFile() {
        return currentFile(tailer);
    }

    private static Path currentFile(ExcerptTailer t) {
        File f = t.currentFile();
        return f == null ? null : f.toPath();
    }

    private static byte[] toBytes(DocumentContext dc) {
        Bytes<?> b = dc.wire().bytes();
        return b.readRemaining() > EventCodec.MAX_FRAME_BYTES ? new byte[0] : b.toByteArray();
    }
}
