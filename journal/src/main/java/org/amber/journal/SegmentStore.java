package org.amber.journal;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.BlobWriter;
import org.amber.lockd.port.CorruptBlobException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object bytes in append-only segment files {@code <12-digit id>.seg}: extents reserved at
 * 4096-aligned offsets, written with O_DIRECT where the filesystem allows it, read back with every
 * chunk's CRC32C verified. A restarted store starts a new segment; nothing is ever overwritten.
 * Thread-safe: create and read from any thread (each writer used by one), sync on the persist thread.
 */
public final class SegmentStore implements BlobStore, AutoCloseable {
    /**
     * The seam for tests: a FileChannel factory (tests wrap the channel so that force() can block or
     * throw). Called from any thread that opens a segment, a reader or the directory.
     */
    @FunctionalInterface
    public interface ChannelOpener {
        FileChannel open(Path p, Set<? extends OpenOption> options) throws IOException;
    }

    public static final ChannelOpener DEFAULT_OPENER = FileChannel::open;

    private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);
    private static final Pattern NAME = Pattern.compile("(\\d{12})\\.seg");
    private static final int MAX_IDLE_BUFFERS = 32;
    /**
     * Small blobs' buffers kept idle: one per PUT in flight, and Jetty serves up to 200 at once. A buffer
     * the pool does not keep is allocated (and zeroed) again by the next small PUT.
     */
    private static final int MAX_IDLE_SMALL_BUFFERS = 256;
    private static final int BLOB_IO_THREADS = 16;
    /** Chunks a large read keeps in flight ahead of the one being sent. */
    private static final int READ_AHEAD = 2;

    private final Path dir;
    private final ChannelOpener opener;
    private final long segmentTargetBytes;
    private final boolean directIo;
    private final AlignedBufferPool pool = new AlignedBufferPool(BlobRef.CHUNK, MAX_IDLE_BUFFERS);
    /** Buffers for blobs of up to {@link SegmentWriter#SMALL} bytes, which need no 1 MiB chunk buffer. */
    private final AlignedBufferPool smallPool = new AlignedBufferPool((int) SegmentWriter.SMALL, MAX_IDLE_SMALL_BUFFERS);
    /**
     * Blob I/O off the caller's thread: a multi-chunk read fetches its next chunk while the caller sends
     * the current one, a large blob's writer writes one chunk while the caller fills the next.
     */
    private final ExecutorService blobIo = Executors.newFixedThreadPool(BLOB_IO_THREADS, r -> {
        Thread t = new Thread(r, "amber-blob-io");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentHashMap<Long, Segment> segments = new ConcurrentHashMap<>();
    private final AtomicLong nextId;
    private final AtomicBoolean dirUnsynced = new AtomicBoolean();
    private final AtomicLong syncs = new AtomicLong();
    private final Object rollLock = new Object();
    /** Sealed segments of this run whose write channel is still open; the persist thread retires them. */
    private final ConcurrentLinkedQueue<Segment> sealedOpen = new ConcurrentLinkedQueue<>();
    private volatile Segment current;

    private SegmentStore(Path dir, ChannelOpener opener, long segmentTargetBytes, boolean directIo, long nextId) {
        this.dir = dir;
        this.opener = opener;
        this.segmentTargetBytes = segmentTargetBytes;
        this.directIo = directIo;
        this.nextId = new AtomicLong(nextId);
    }

    /** Opens (creating if needed) the store in {@code dir}; its first write starts a new segment. Blocks on the disk. */
    public static SegmentStore open(Path dir, ChannelOpener opener, long segmentTargetBytes) throws IOException {
        if (segmentTargetBytes < AlignedBufferPool.ALIGN) {
            throw new IllegalArgumentException("segment target of " + segmentTargetBytes + " bytes is below " + AlignedBufferPool.ALIGN);
        }
        JournalDirs.create(dir);
        List<Long> existing = existingIds(dir);
        long next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
        SegmentStore store = new SegmentStore(dir, opener, segmentTargetBytes, probeDirectIo(dir, opener), next);
        for (long id : existing) {
            store.segments.put(id, new Segment(id, store.pathOf(id), opener, null, null));
        }
        return store;
    }

    @Override
    public BlobWriter create(long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative blob length " + length);
        }
        if (length == 0) {
            return new EmptyBlobWriter();
        }
        long size = AlignedBufferPool.align(length);
        while (true) {
            Segment s = current;
            long offset = s == null ? -1 : s.reserve(size, segmentTargetBytes);
            if (offset >= 0) {
                return new SegmentWriter(s, offset, length, length <= SegmentWriter.SMALL ? smallPool : pool, blobIo);
            }
            roll(s);
        }
    }

    @Override
    public void read(BlobRef blob, long from, long count, ChunkSink sink) throws IOException {
        if (from < 0 || count < 0 || from + count > blob.length()) {
            throw new IllegalArgumentException("range [" + from + ", " + (from + count) + ") outside " + blob);
        }
        if (count == 0) {
            return;
        }
        Segment segment = segments.get(blob.segment());
        if (segment == null) {
            throw new CorruptBlobException(blob + " names segment " + blob.segment() + ", which does not exist in " + dir);
        }
        int first = (int) (from / BlobRef.CHUNK);
        int last = (int) ((from + count - 1) / BlobRef.CHUNK);
        // Up to READ_AHEAD chunks are read from the disk while the current one goes to the client.
        int depth = Math.min(READ_AHEAD, last - first);
        ByteBuffer[] buffers = new ByteBuffer[depth + 1];
        java.util.ArrayDeque<CompletableFuture<ByteBuffer>> ahead = new java.util.ArrayDeque<>();
        try {
            for (int k = 0; k < buffers.length; k++) {
                buffers[k] = pool.acquire();
            }
            ahead.add(CompletableFuture.completedFuture(readVerifiedChunk(segment, blob, first, buffers[0])));
            int requested = first;
            for (int i = first; i <= last; i++) {
                while (requested < last && requested - i < depth) {
                    int chunkNo = ++requested;
                    ByteBuffer into = buffers[(chunkNo - first) % buffers.length];
                    ahead.add(BlobIo.start(() -> readVerifiedChunk(segment, blob, chunkNo, into), blobIo));
                }
                ByteBuffer chunk = BlobIo.await(ahead.poll());
                long chunkStart = (long) i * BlobRef.CHUNK;
                int lo = (int) Math.max(0, from - chunkStart);
                int hi = (int) Math.min(chunk.limit(), from + count - chunkStart);
                sink.accept(chunk.asReadOnlyBuffer().limit(hi).position(lo));
            }
        } finally {
            ahead.forEach(BlobIo::settle); // a read-ahead must be done with its buffer
            for (ByteBuffer b : buffers) {
                if (b != null) {
                    pool.release(b);
                }
            }
        }
    }

    /** Reads and checks every chunk and the whole-blob checksum; CorruptBlobException on mismatch. */
    public void verify(BlobRef blob) throws IOException {
        CRC32C whole = new CRC32C();
        read(blob, 0, blob.length(), whole::update);
        if ((int) whole.getValue() != blob.crc32c()) {
            throw new CorruptBlobException(blob + ": whole-blob checksum is " + Integer.toHexString((int) whole.getValue()));
        }
    }

    /** fdatasync (FileChannel.force(false)) each segment in ids that has unsynced writes; counts syncs. Thread: persist thread. */
    public void sync(Collection<Long> segmentIds) throws IOException {
        for (Long id : new TreeSet<>(segmentIds)) {
            Segment s = segments.get(id);
            if (s != null && s.syncIfUnsynced()) {
                syncs.incrementAndGet();
            }
        }
        if (dirUnsynced.getAndSet(false)) {
            syncDirectory();
        }
        for (Segment s : sealedOpen) {
            if (s.syncIfAbandoned()) {
                syncs.incrementAndGet();
            }
        }
        sealedOpen.removeIf(Segment::retireIfIdle);
    }

    /**
     * The bytes an extent of {@code length} bytes occupies in its segment: extents are reserved in
     * 4096-byte multiples, so a segment of 100-byte objects is full at 1/40 of its size in object bytes.
     */
    public static long footprint(long length) {
        return AlignedBufferPool.align(length);
    }

    /**
     * The segments no extent can ever be reserved in again: those of earlier runs, and sealed ones of this
     * run whose writers have finished and whose bytes are synced. Only these may be dropped. Thread: any.
     */
    public Set<Long> closedSegments() {
        Set<Long> out = new TreeSet<>();
        segments.forEach((id, s) -> {
            if (s != current && s.closedForWrites()) {
                out.add(id);
            }
        });
        return out;
    }

    /**
     * Makes sure no new segment takes an id up to {@code id}: a dropped segment's id is never used again,
     * even when its file (the newest) is gone and the directory alone would suggest it. Call before the
     * first write. Thread: any.
     */
    public void skipIdsThrough(long id) {
        nextId.accumulateAndGet(id + 1, Math::max);
    }

    /** The size of a segment's file on disk (preallocated space included); 0 if there is no such segment. */
    public long fileSize(long id) throws IOException {
        Segment s = segments.get(id);
        return s == null ? 0 : Files.size(s.path);
    }

    /**
     * Deletes segment files whose drop is durable in the journal (reclamation), then syncs the directory;
     * returns the bytes freed. Ids it does not know (already deleted) are skipped. Reads of a dropped
     * segment fail from now on. Thread: one at a time (the reclaimer).
     */
    public long drop(Collection<Long> ids) throws IOException {
        long freed = 0;
        for (Long id : ids) {
            Segment s = segments.get(id);
            if (s == null) {
                continue;
            }
            if (!s.closedForWrites()) {
                throw new IllegalStateException("segment " + id + " still takes writes; it cannot be dropped");
            }
            segments.remove(id);
            freed += Files.size(s.path);
            s.close();
            Files.delete(s.path);
            LOG.info("segment store {}: dropped segment {} (nothing references it)", dir, s.path.getFileName());
        }
        if (freed > 0) {
            syncDirectory();
        }
        return freed;
    }

    /** Number of segment fdatasyncs that succeeded, for metrics. Thread: any. */
    public long syncCount() {
        return syncs.get();
    }

    /** Whether O_DIRECT is in use. */
    public boolean directIo() {
        return directIo;
    }

    @Override
    public void close() {
        blobIo.shutdown();
        for (Segment s : segments.values()) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("segment store {}: closing segment {} failed", dir, s.id, e);
            }
        }
    }

    private void roll(Segment full) throws IOException {
        synchronized (rollLock) {
            if (current != full) {
                return;
            }
            long id = nextId.getAndIncrement();
            Path path = pathOf(id);
            FileChannel main = opener.open(path, writeOptions());
            FileChannel small = directIo ? opener.open(path, Set.of(StandardOpenOption.WRITE)) : null;
            Segment next = new Segment(id, path, opener, main, small);
            Preallocate.file(path, segmentTargetBytes);
            segments.put(id, next);
            dirUnsynced.set(true);
            if (full != null) {
                full.seal();
                sealedOpen.add(full);
            }
            current = next;
        }
    }

    /** Reads chunk {@code chunk} of {@code blob} into {@code buffer} and checks its CRC32C; returns the buffer, flipped. */
    private ByteBuffer readVerifiedChunk(Segment segment, BlobRef blob, int chunk, ByteBuffer buffer) throws IOException {
        int length = (int) Math.min(BlobRef.CHUNK, blob.length() - (long) chunk * BlobRef.CHUNK);
        long position = blob.offset() + (long) chunk * BlobRef.CHUNK;
        // Large blobs were written O_DIRECT and are not in the page cache: read them the same way, whole
        // aligned chunks (extents are reserved in 4096-byte multiples). Small ones may be cached.
        boolean direct = directIo && blob.length() > SegmentWriter.SMALL;
        FileChannel channel = direct ? segment.directReader() : segment.reader();
        buffer.clear().limit(direct ? (int) AlignedBufferPool.align(length) : length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CorruptBlobException(blob + ": segment " + segment.path.getFileName() + " ends inside chunk " + chunk);
            }
        }
        buffer.flip().limit(length);
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        if ((int) crc.getValue() != blob.chunkCrc(chunk)) {
            throw new CorruptBlobException(String.format("%s: chunk %d at %s offset %d has checksum %08x, expected %08x",
                    blob, chunk, segment.path.getFileName(), position, (int) crc.getValue(), blob.chunkCrc(chunk)));
        }
        return buffer;
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = opener.open(dir, Set.of(StandardOpenOption.READ))) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            dirUnsynced.set(true);
            throw e;
        }
    }

    private Set<OpenOption> writeOptions() {
        return directIo ? Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
                : Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private Path pathOf(long id) {
        return dir.resolve(String.format("%012d.seg", id));
    }

    /** Whether this filesystem takes O_DIRECT with 4096-aligned I/O (tmpfs and some others refuse it). */
    private static boolean probeDirectIo(Path dir, ChannelOpener opener) throws IOException {
        Path probe = dir.resolve(".direct-io-probe");
        Files.deleteIfExists(probe);
        try (FileChannel ch = opener.open(probe, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT))) {
            ByteBuffer block = AlignedBufferPool.allocate(AlignedBufferPool.ALIGN);
            while (block.hasRemaining()) {
                ch.write(block, block.position());
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("segment store {}: O_DIRECT is not available here ({}); using buffered I/O, which is slower for large objects",
                    dir, e.toString());
            return false;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static List<Long> existingIds(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> NAME.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1))).sorted().collect(Collectors.toList());
        }
    }

    /** The writer of an empty blob: accepts no bytes and touches no segment. */
    private static final class EmptyBlobWriter implements BlobWriter {
        @Override
        public void write(ByteBuffer src) throws IOException {
            if (src.hasRemaining()) {
                throw new IOException("blob of 0 bytes: " + src.remaining() + " bytes would overrun it");
            }
        }

        @Override
        public BlobRef finish() {
            return BlobRef.EMPTY;
        }

        @Override
        public void close() {
            // Nothing was reserved.
        }
    }
}
