package org.amber.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One append-only segment file: extents are reserved by bumping its tail, written once at their
 * offsets, and never overwritten. Segments of earlier runs are read-only. Thread-safe: many
 * writers, many readers, one syncing thread.
 */
final class Segment {
    private static final Logger LOG = LoggerFactory.getLogger(Segment.class);
    /** The tail value of a segment that accepts no more reservations (its write channel is closed). */
    private static final long RETIRED = Long.MIN_VALUE;

    final long id;
    final Path path;
    private final SegmentStore.ChannelOpener opener;
    private final FileChannel writeChannel;
    /** A second, buffered write channel when {@code writeChannel} is O_DIRECT: small blobs go through the page cache. */
    private final FileChannel smallChannel;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicInteger writers = new AtomicInteger();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private volatile boolean sealed;
    private FileChannel readChannel;
    private FileChannel directReadChannel;

    Segment(long id, Path path, SegmentStore.ChannelOpener opener, FileChannel writeChannel, FileChannel smallChannel) {
        this.id = id;
        this.path = path;
        this.opener = opener;
        this.writeChannel = writeChannel;
        this.smallChannel = smallChannel;
        if (writeChannel == null) {
            tail.set(RETIRED);
        }
    }

    /**
     * Reserves {@code size} bytes at the tail; -1 if they do not fit under {@code target} (an empty
     * segment takes any size) or the segment is retired. A successful reservation counts as a
     * writer until {@link #writerDone()}.
     */
    long reserve(long size, long target) {
        writers.incrementAndGet();
        while (true) {
            long t = tail.get();
            if (t == RETIRED || (t > 0 && t + size > target)) {
                writers.decrementAndGet();
                return -1;
            }
            if (tail.compareAndSet(t, t + size)) {
                return t;
            }
        }
    }

    /** True once no extent can ever be reserved here again (a segment of an earlier run, or retired). */
    boolean closedForWrites() {
        return tail.get() == RETIRED;
    }

    void writerDone() {
        writers.decrementAndGet();
    }

    void seal() {
        sealed = true;
    }

    /**
     * Positional write of all of {@code src}; the bytes are unsynced until {@link #syncIfUnsynced()}.
     * A {@code small} write goes through the page cache when there is a buffered channel: an O_DIRECT
     * write is one device request (a VM exit on a virtio disk) per call, while the dirty pages of a
     * whole batch of small blobs reach the disk in a few merged requests at the batch's fdatasync.
     * Extents are 4096-aligned and disjoint, so the two channels never share a page.
     */
    void write(ByteBuffer src, long position, boolean small) throws IOException {
        FileChannel ch = small && smallChannel != null ? smallChannel : writeChannel;
        while (src.hasRemaining()) {
            ch.write(src, position + src.position());
        }
        unsynced.set(true);
    }

    /**
     * fdatasync if anything was written since the last one; true if it synced. fdatasync acts on the
     * file (its inode), not on the descriptor, so one call makes both channels' writes durable.
     */
    boolean syncIfUnsynced() throws IOException {
        if (!unsynced.getAndSet(false)) {
            return false;
        }
        try {
            writeChannel.force(false);
        } catch (IOException | RuntimeException e) {
            unsynced.set(true);
            throw e;
        }
        return true;
    }

    /**
     * Closes the write channel of a sealed segment nobody writes any more and whose bytes are
     * synced; true once retired. The tail CAS to RETIRED fails if a reservation slipped in after
     * the writer check.
     */
    /**
     * Syncs a sealed segment nobody writes any more whose last bytes no record named (a write that was
     * abandoned), so that it can retire and, once nothing references it, be reclaimed; true if it synced.
     */
    boolean syncIfAbandoned() throws IOException {
        return sealed && writers.get() == 0 && syncIfUnsynced();
    }

    boolean retireIfIdle() {
        long t = tail.get();
        if (!sealed || t == RETIRED || writers.get() != 0 || unsynced.get() || !tail.compareAndSet(t, RETIRED)) {
            return false;
        }
        try {
            closeWriteChannels();
        } catch (IOException e) {
            LOG.warn("segment {}: closing its write channel failed", path, e);
        }
        return true;
    }

    /** The (non-DIRECT) channel for reads, opened on first use. */
    synchronized FileChannel reader() throws IOException {
        if (readChannel == null) {
            readChannel = opener.open(path, Set.of(StandardOpenOption.READ));
        }
        return readChannel;
    }

    /**
     * An O_DIRECT channel for reading whole chunks of large blobs: one device request per MiB straight
     * into the caller's aligned buffer, instead of page-cache readahead and a copy. Opened on first use.
     */
    synchronized FileChannel directReader() throws IOException {
        if (directReadChannel == null) {
            directReadChannel = opener.open(path, Set.of(StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT));
        }
        return directReadChannel;
    }

    synchronized void close() throws IOException {
        closeAll(writeChannel, smallChannel, readChannel, directReadChannel);
    }

    private void closeWriteChannels() throws IOException {
        closeAll(writeChannel, smallChannel);
    }

    /** Closes every channel given (nulls skipped), then throws the first failure. */
    private static void closeAll(FileChannel... channels) throws IOException {
        IOException first = null;
        for (FileChannel c : channels) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
