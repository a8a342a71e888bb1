package org.amber.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.zip.CRC32C;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobWriter;

/**
 * Streams one blob into its reserved extent: bytes are gathered into an aligned 1 MiB buffer and
 * written one chunk per positional write (the last chunk zero-padded to 4096), with a CRC32C per
 * chunk and for the whole blob. A blob of several chunks is written behind: each full chunk's write
 * runs on the store's I/O threads while the caller fills the next (one write in flight at most), and
 * {@link #finish()} returns only once every write is done. Thread: one caller at a time.
 */
final class SegmentWriter implements BlobWriter {
    private static final byte[] ZEROS = new byte[AlignedBufferPool.ALIGN];
    /** Blobs up to this size are written through the page cache (see {@link Segment#write}). */
    static final long SMALL = 64 * 1024;

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

    private final Executor io;
    /** The write of the previous chunk, or null. */
    private CompletableFuture<Void> inFlight;

    /** {@code pool}'s buffers hold a whole chunk ({@link BlobRef#CHUNK}), or the whole blob when it is {@link #SMALL}. */
    SegmentWriter(Segment segment, long offset, long length, AlignedBufferPool pool, Executor io) {
        this.io = io;
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
            awaitInFlight();
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
        if (inFlight != null) {
            BlobIo.settle(inFlight); // its buffer goes back to the pool when it ends
            inFlight = null;
        }
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
        long position = offset + (long) chunks * BlobRef.CHUNK;
        chunkCrcs[chunks++] = (int) chunk.getValue();
        chunk.reset();
        if (length <= BlobRef.CHUNK) {
            segment.write(buffer, position, length <= SMALL);
            buffer.clear();
            return;
        }
        awaitInFlight();
        ByteBuffer full = buffer;
        buffer = null; // the next copy() takes a fresh one
        inFlight = BlobIo.start(() -> {
            try {
                segment.write(full, position, false);
                return null;
            } finally {
                pool.release(full);
            }
        }, io);
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        CompletableFuture<Void> f = inFlight;
        inFlight = null;
        BlobIo.await(f);
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("blob writer is finished or closed");
        }
    }
}
