package org.amber.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.amber.journal.SegmentStore;

/**
 * The test seam STYLE.md allows: a real FileChannel whose {@code force} can be held until
 * released, or made to fail. Everything else goes straight to the file.
 */
final class GatedChannel extends FileChannel {
    /** Shared switches for every channel an opener made. */
    static final class Gate {
        volatile CountDownLatch hold = new CountDownLatch(0);
        final AtomicBoolean fail = new AtomicBoolean();
        final AtomicInteger forces = new AtomicInteger();
        final AtomicInteger waiting = new AtomicInteger();

        void holdSyncs() {
            hold = new CountDownLatch(1);
        }

        void release() {
            hold.countDown();
        }

        SegmentStore.ChannelOpener opener() {
            return (p, opts) -> new GatedChannel(FileChannel.open(p, opts), this);
        }
    }

    private final FileChannel d;
    private final Gate gate;

    GatedChannel(FileChannel d, Gate gate) {
        this.d = d;
        this.gate = gate;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        gate.waiting.incrementAndGet();
        try {
            gate.hold.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            gate.waiting.decrementAndGet();
        }
        if (gate.fail.get()) {
            throw new IOException("injected fdatasync failure (EIO)");
        }
        gate.forces.incrementAndGet();
        d.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return d.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return d.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return d.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return d.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return d.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        d.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return d.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        d.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return d.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return d.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return d.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return d.write(src, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return d.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return d.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return d.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        d.close();
    }

}
