package org.amber.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.wire.Wires;

/**
 * Reads a Chronicle cycle file as raw bytes where the tailer cannot help: whether anything was
 * written after the last readable document, and whether an intact journal frame exists anywhere
 * after a damaged one. Relies on Chronicle's document layout: a 4-byte little-endian header
 * (bit 31 not complete, bit 30 metadata, 30 bits length) at 4-byte aligned offsets.
 * Stateless; any thread; blocks on the disk.
 */
final class TailProbe {
    /** How far past the end of the last document a partially written record must show up. */
    static final int WINDOW = 128;
    private static final int BLOCK = 1 << 20;

    private TailProbe() {
    }

    /**
     * Whether bytes were written after {@code end}, the end of the last readable document: an
     * interrupted write (Chronicle publishes a header only when the document is complete) or a
     * header that never completed. An end-of-cycle marker is not such a write.
     */
    static boolean writtenAfter(Path file, long end) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            readFully(ch, window, end);
        }
        window.flip();
        int header = (int) (align4(end) - end);
        if (window.limit() >= header + 4 && window.getInt(header) == Wires.END_OF_DATA) {
            return false;
        }
        for (int i = 0; i < window.limit(); i++) {
            if (window.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file offset of the first complete document header at or after {@code from} whose body is
     * an intact journal frame, or -1 if there is none. Only called after damage was found.
     */
    static long findIntactFrame(Path file, long from) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long base = align4(from); base < size; base += BLOCK) {
                block.clear();
                readFully(ch, block, base);
                long found = scanBlock(ch, block, base, size);
                if (found >= 0) {
                    return found;
                }
            }
        }
        return -1;
    }

    private static long scanBlock(FileChannel ch, ByteBuffer block, long base, long size) throws IOException {
        for (int i = 0; i + 4 <= block.position(); i += 4) {
            int header = block.getInt(i);
            if (header == 0 || (header & (Wires.NOT_COMPLETE | Wires.META_DATA)) != 0) {
                continue;
            }
            int length = header & Wires.LENGTH_MASK;
            long body = base + i + 4;
            if (length >= EventCodec.HEADER_BYTES && length <= EventCodec.MAX_FRAME_BYTES && body + length <= size
                    && isFrameAt(ch, body, length)) {
                return base + i;
            }
        }
        return -1;
    }

    private static boolean isFrameAt(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(length);
        readFully(ch, frame, at);
        return frame.position() == length && EventCodec.isIntactFrame(frame.array(), 0, length);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long at) throws IOException {
        while (dst.hasRemaining()) {
            int n = ch.read(dst, at + dst.position());
            if (n < 0) {
                return;
            }
        }
    }

    private static long align4(long offset) {
        return (offset + 3) & ~3L;
    }
}
