package org.amber.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/** Test access to a journal's raw Chronicle documents: where they are, and writing ones the Journal would refuse. */
final class QueueDocs {
    /** A data document: its cycle file, the offset of its 4-byte header, and its body length. */
    record Doc(Path file, long header, int length) {
        long body() {
            return header + 4;
        }
    }

    private QueueDocs() {
    }

    static List<Doc> dataDocs(Path dir, QueueConfig config) {
        List<Doc> docs = new ArrayList<>();
        try (SingleChronicleQueue q = config.build(dir, StoreFileListener.noOp()); ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return docs;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    docs.add(new Doc(t.currentFile().toPath(), b.readPosition() - 4, (int) b.readRemaining()));
                }
            }
        }
    }

    /** Appends raw frames with Chronicle directly, bypassing the Journal's checks. */
    static void appendRaw(Path dir, QueueConfig config, List<byte[]> frames) {
        try (SingleChronicleQueue q = config.build(dir, StoreFileListener.noOp()); ExcerptAppender a = q.createAppender()) {
            for (byte[] frame : frames) {
                try (DocumentContext dc = a.writingDocument()) {
                    dc.wire().bytes().write(frame);
                }
            }
        }
    }

    static void xorByte(Path file, long offset, int mask) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ mask);
        }
    }

    static int readIntLE(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(offset);
            return Integer.reverseBytes(f.readInt());
        }
    }

    static void writeIntLE(Path file, long offset, int value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.writeInt(Integer.reverseBytes(value));
        }
    }
}
