package org.amber.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobWriter;

/**
 * Streams one blob into its reserved extent: bytes are gathered into an aligned 1 MiB buffer and
 * written one chunk per positional write (the last chunk zero-padded to 4096), with a CRC32C per
 * chunk and for the whole blob. Thread: one at a time.
 */
final class SegmentWriter implements BlobWriter {
    private static final byte[] ZEROS = new byte[AlignedBufferPool.ALIGN];

    private final Segment segment;
    private final long offset;
    private final long length;
    private final AlignedBufferPool pool;
    private final CRC32C whole = new CRC32C();
    private final CRC32C chunk = new CRC32C();
    private final int[] chunkCrcs;
    private ByteBuffer buffer;
    private long written;
    private int chunks;
    private boolean done;

    SegmentWriter(Segment segment, long offset, long length, AlignedBufferPool pool) {
        this.segment = segment;
        this.offset = offset;
        this.length = length;
        this.pool = pool;
        this.chunkCrcs = new int[BlobRef.chunkCount(length)];
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        checkOpen();
        if (src.remaining() > length - written) {
            throw new IOException("blob of " + length + " bytes: " + src.remaining() + " more bytes after " + written
                    + " would overrun its extent");
        }
        try {
            while (src.hasRemaining()) {
                copy(src);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public BlobRef finish() throws IOException {
        checkOpen();
        if (written != length) {
            throw new IOException("blob of " + length + " bytes: only " + written + " were written");
        }
        try {
            if (buffer != null && buffer.position() > 0) {
                flushChunk();
            }
        } finally {
            close();
        }
        return new BlobRef(segment.id, offset, length, (int) whole.getValue(), chunkCrcs);
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        if (buffer != null) {
            pool.release(buffer);
            buffer = null;
        }
        segment.writerDone();
    }

    private void copy(ByteBuffer src) throws IOException {
        if (buffer == null) {
            buffer = pool.acquire();
        }
        int n = Math.min(src.remaining(), buffer.remaining());
        ByteBuffer part = src.slice(src.position(), n);
        whole.update(part.duplicate());
        chunk.update(part.duplicate());
        buffer.put(part);
        src.position(src.position() + n);
        written += n;
        if (!buffer.hasRemaining()) {
            flushChunk();
        }
    }

    /** Writes the buffered chunk at its place in the extent; O_DIRECT needs the length padded to 4096. */
    private void flushChunk() throws IOException {
        int real = buffer.position();
        int padded = (int) AlignedBufferPool.align(real);
        buffer.put(ZEROS, 0, padded - real).flip();
        segment.write(buffer, offset + (long) chunks * BlobRef.CHUNK);
        chunkCrcs[chunks++] = (int) chunk.getValue();
        chunk.reset();
        buffer.clear();
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("blob writer is finished or closed");
        }
    }
}
