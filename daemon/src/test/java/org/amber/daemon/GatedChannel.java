package org.amber.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.amber.journal.ForwardingFileChannel;
import org.amber.journal.SegmentStore;

/**
 * The test seam STYLE.md allows: a real FileChannel whose {@code force} can be held until
 * released, or made to fail. Everything else goes straight to the file.
 */
final class GatedChannel extends ForwardingFileChannel {
    /** Shared switches for every channel an opener made. */
    static final class Gate {
        volatile CountDownLatch hold = new CountDownLatch(0);
        final AtomicBoolean fail = new AtomicBoolean();
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

    private final Gate gate;

    GatedChannel(FileChannel delegate, Gate gate) {
        super(delegate);
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
        super.force(metaData);
    }
}
