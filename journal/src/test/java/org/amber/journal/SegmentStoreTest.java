package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobWriter;
import org.amber.lockd.port.CorruptBlobException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentStoreTest {
    private static final int MIB = BlobRef.CHUNK;

    @TempDir
    Path tmp;

    @Test
    void concurrentWritersReadBackByteIdentical() throws Exception {
        RecordingOpener opener = new RecordingOpener();
        try (SegmentStore store = SegmentStore.open(tmp, opener, 8L * MIB)) {
            assertTrue(store.directIo(), "this filesystem takes O_DIRECT");
            ExecutorService pool = Executors.newFixedThreadPool(9);
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<Integer> persist = pool.submit(() -> syncUntil(store, writing));
            List<Future<List<Written>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> writeMany(store, thread, 20)));
            }
            List<Written> all = new ArrayList<>();
            for (Future<List<Written>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            writing.set(false);
            assertTrue(persist.get(10, TimeUnit.SECONDS) > 0);
            pool.shutdown();
            store.sync(all.stream().map(w -> w.ref.segment()).toList());
            Random rnd = new Random(99);
            for (Written w : all) {
                assertEquals(0, w.ref.offset() % 4096, "extent alignment");
                byte[] data = content(w.seed, (int) w.ref.length());
                assertArrayEquals(data, read(store, w.ref, 0, data.length));
                store.verify(w.ref);
                if (data.length > 0) {
                    int from = rnd.nextInt(data.length);
                    int count = rnd.nextInt(data.length - from + 1);
                    assertArrayEquals(java.util.Arrays.copyOfRange(data, from, from + count), read(store, w.ref, from, count));
                }
            }
            assertNoOverlaps(all);
        }
    }

    /** The persist thread's part: syncs every segment so far, over and over, while writers write (and segments retire). */
    private static int syncUntil(SegmentStore store, AtomicBoolean writing) throws IOException {
        int rounds = 0;
        while (writing.get()) {
            List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= 200; id++) {
                ids.add(id);
            }
            store.sync(ids);
            rounds++;
        }
        return rounds;
    }

    @Test
    void blobsAroundTheSmallSizeReadBackWholeAndPassVerification() throws Exception {
        // Up to SegmentWriter.SMALL a blob is one buffer from the small pool, written through the page cache;
        // above it, chunk buffers and O_DIRECT. Each size twice, so the second takes a buffer back from its pool.
        int small = (int) SegmentWriter.SMALL;
        int[] sizes = {1, 4095, 4096, 4097, small - 1, small, small + 1, MIB - 1, MIB, MIB + 1};
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            List<BlobRef> refs = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    refs.add(put(store, content(100 * round + i, sizes[i]), new Random(i)));
                }
            }
            store.sync(refs.stream().map(BlobRef::segment).toList());
            for (int k = 0; k < refs.size(); k++) {
                int round = k / sizes.length;
                int i = k % sizes.length;
                assertEquals(sizes[i], refs.get(k).length());
                assertArrayEquals(content(100 * round + i, sizes[i]), read(store, refs.get(k), 0, sizes[i]), "size " + sizes[i]);
                store.verify(refs.get(k));
            }
        }
    }

    @Test
    void aSegmentRollsWhenTheNextExtentWouldPassTheTargetAndABigBlobGetsItsOwn() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, MIB)) {
            List<BlobRef> refs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                refs.add(put(store, content(i, 300 * 1024), new Random(i)));
            }
            BlobRef big = put(store, content(10, 3 * MIB + 5), new Random(10));
            BlobRef after = put(store, content(11, 10), new Random(11));
            assertEquals(List.of(1L, 1L, 1L, 2L), refs.stream().map(BlobRef::segment).toList());
            assertEquals(List.of(0L, 307_200L, 614_400L, 0L), refs.stream().map(BlobRef::offset).toList());
            assertEquals(3, big.segment());
            assertEquals(0, big.offset());
            assertEquals(4, after.segment());
            assertArrayEquals(content(10, 3 * MIB + 5), read(store, big, 0, (int) big.length()));
        }
        assertEquals(Set.of("000000000001.seg", "000000000002.seg", "000000000003.seg", "000000000004.seg"), segmentFiles());
    }

    @Test
    void aRestartedStoreStartsANewSegmentAndOldBlobsStillRead() throws Exception {
        BlobRef old;
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            old = put(store, content(1, 2 * MIB + 3), new Random(1));
            store.sync(List.of(old.segment()));
        }
        long oldSize = Files.size(tmp.resolve("000000000001.seg"));
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            BlobRef fresh = put(store, content(2, 100), new Random(2));
            assertEquals(2, fresh.segment());
            assertEquals(0, fresh.offset());
            assertArrayEquals(content(1, 2 * MIB + 3), read(store, old, 0, (int) old.length()));
            store.verify(old);
        }
        assertEquals(oldSize, Files.size(tmp.resolve("000000000001.seg")));
    }

    @Test
    void syncForcesEachTouchedSegmentOncePerCall() throws Exception {
        RecordingOpener opener = new RecordingOpener();
        try (SegmentStore store = SegmentStore.open(tmp, opener, MIB)) {
            List<BlobRef> refs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                refs.add(put(store, content(i, 300 * 1024), new Random(i)));
            }
            assertEquals(List.of(1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L, 3L), refs.stream().map(BlobRef::segment).toList());
            store.sync(List.of(1L, 3L, 1L, 3L, 3L));
            // Segment 2 is sealed and nobody writes it: it is synced too, once, so that it can retire.
            assertEquals(Map.of("000000000001.seg", 1, "000000000002.seg", 1, "000000000003.seg", 1), opener.segmentForces());
            assertEquals(1, opener.forcesOf(tmp.getFileName().toString()), "the new files' directory entries");
            store.sync(List.of(1L, 3L));
            assertEquals(3, store.syncCount(), "nothing new to sync");
            put(store, content(20, 10), new Random(20));
            store.sync(List.of(2L, 2L, 3L, 4L, -1L));
            assertEquals(Map.of("000000000001.seg", 1, "000000000002.seg", 1, "000000000003.seg", 2), opener.segmentForces());
            assertEquals(4, store.syncCount());
        }
    }

    @Test
    void aFailingForcePropagates() throws Exception {
        RecordingOpener opener = new RecordingOpener();
        try (SegmentStore store = SegmentStore.open(tmp, opener, 64L * MIB)) {
            BlobRef ref = put(store, content(1, 5000), new Random(1));
            opener.forceFailure = new IOException("EIO from the disk");
            IOException e = assertThrows(IOException.class, () -> store.sync(List.of(ref.segment())));
            assertSame(opener.forceFailure, e);
            assertEquals(0, store.syncCount());
        }
    }

    @Test
    void writersGoOnWhileASyncIsBlockedInForce() throws Exception {
        RecordingOpener opener = new RecordingOpener();
        try (SegmentStore store = SegmentStore.open(tmp, opener, 64L * MIB)) {
            BlobRef first = put(store, content(1, 5000), new Random(1));
            opener.forceEntered = new CountDownLatch(1);
            opener.forceGate = new CountDownLatch(1);
            ExecutorService persist = Executors.newSingleThreadExecutor();
            Future<?> sync = persist.submit(() -> {
                store.sync(List.of(first.segment()));
                return null;
            });
            assertTrue(opener.forceEntered.await(10, TimeUnit.SECONDS));
            BlobRef second = put(store, content(2, 3 * MIB), new Random(2));
            assertArrayEquals(content(2, 3 * MIB), read(store, second, 0, 3 * MIB));
            assertFalse(sync.isDone());
            opener.forceGate.countDown();
            sync.get(10, TimeUnit.SECONDS);
            persist.shutdown();
            assertEquals(1, store.syncCount());
        }
    }

    @Test
    void oddLengthsArePaddedToTheDirectIoBlockAndReadBackExactly() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            assertTrue(store.directIo());
            long expectedOffset = 0;
            for (int length : new int[] {1, 4095, 4096, 4097, MIB - 1, MIB, MIB + 1, 3 * MIB + 17}) {
                byte[] data = content(length, length);
                BlobRef ref = put(store, data, new Random(length));
                assertEquals(expectedOffset, ref.offset(), "length " + length);
                assertEquals(BlobRef.chunkCount(length), ref.chunkCrcs().length);
                assertArrayEquals(data, read(store, ref, 0, length), "length " + length);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, length - 1, length), read(store, ref, length - 1, 1));
                expectedOffset += (length + 4095) / 4096 * 4096;
            }
            store.sync(List.of(1L));
            assertTrue(expectedOffset < 64L * MIB);
            assertEquals(64L * MIB, Files.size(tmp.resolve("000000000001.seg")),
                    "a new segment is preallocated to its target so O_DIRECT writes do not extend the file");
        }
    }

    @Test
    void aFlippedByteInASegmentIsCaughtOnReadAndVerify() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            BlobRef ref = put(store, content(5, 2 * MIB + 100), new Random(5));
            store.sync(List.of(ref.segment()));
            QueueDocs.xorByte(tmp.resolve("000000000001.seg"), ref.offset() + MIB + 12_345, 0x40);
            assertArrayEquals(java.util.Arrays.copyOfRange(content(5, 2 * MIB + 100), 0, 1000), read(store, ref, 0, 1000));
            CorruptBlobException e = assertThrows(CorruptBlobException.class, () -> read(store, ref, MIB + 1, 10));
            assertTrue(e.getMessage().contains("chunk 1"), e.getMessage());
            assertThrows(CorruptBlobException.class, () -> store.verify(ref));
        }
    }

    @Test
    void verifyChecksTheWholeBlobChecksumToo() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            BlobRef ref = put(store, content(6, 5000), new Random(6));
            store.verify(ref);
            BlobRef wrong = new BlobRef(ref.segment(), ref.offset(), ref.length(), ref.crc32c() ^ 1, ref.chunkCrcs());
            assertThrows(CorruptBlobException.class, () -> store.verify(wrong));
        }
    }

    @Test
    void aWriterTakesExactlyItsReservedLength() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            try (BlobWriter w = store.create(10)) {
                w.write(ByteBuffer.wrap(new byte[6]));
                assertThrows(IOException.class, () -> w.write(ByteBuffer.wrap(new byte[5])));
                assertThrows(IOException.class, w::finish);
                w.write(ByteBuffer.wrap(new byte[4]));
                assertEquals(10, w.finish().length());
            }
            BlobWriter abandoned = store.create(5000);
            abandoned.write(ByteBuffer.wrap(content(1, 5000)));
            abandoned.close();
            assertThrows(IllegalStateException.class, abandoned::finish);
            BlobRef next = put(store, content(2, 10), new Random(2));
            assertEquals(4096 + 8192, next.offset(), "an abandoned extent is never reused");
        }
    }

    @Test
    void anEmptyBlobTouchesNoSegment() throws Exception {
        try (SegmentStore store = SegmentStore.open(tmp, SegmentStore.DEFAULT_OPENER, 64L * MIB);
             BlobWriter w = store.create(0)) {
            assertThrows(IOException.class, () -> w.write(ByteBuffer.wrap(new byte[1])));
            assertSame(BlobRef.EMPTY, w.finish());
            assertArrayEquals(new byte[0], read(store, BlobRef.EMPTY, 0, 0));
            store.verify(BlobRef.EMPTY);
        }
        assertEquals(Set.of(), segmentFiles());
    }

    @Test
    void whereODirectIsRefusedTheStoreFallsBackToBufferedIo() throws Exception {
        RecordingOpener opener = new RecordingOpener();
        opener.refuseDirect = true;
        try (SegmentStore store = SegmentStore.open(tmp, opener, 64L * MIB)) {
            assertFalse(store.directIo());
            BlobRef ref = put(store, content(3, MIB + 3), new Random(3));
            store.sync(List.of(ref.segment()));
            assertArrayEquals(content(3, MIB + 3), read(store, ref, 0, MIB + 3));
        }
    }

    @Test
    void worksOnTmpfs() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm));
        Path dir = Files.createTempDirectory(shm, "amber-segments");
        try (SegmentStore store = SegmentStore.open(dir, SegmentStore.DEFAULT_OPENER, 64L * MIB)) {
            System.out.println("/dev/shm: O_DIRECT " + (store.directIo() ? "accepted" : "refused, buffered fallback"));
            BlobRef ref = put(store, content(4, 2 * MIB + 1), new Random(4));
            store.sync(List.of(ref.segment()));
            assertArrayEquals(content(4, 2 * MIB + 1), read(store, ref, 0, 2 * MIB + 1));
        } finally {
            JournalDirs.deleteRecursively(dir);
        }
    }

    private record Written(BlobRef ref, long seed) {
    }

    private static List<Written> writeMany(SegmentStore store, int thread, int count) throws IOException {
        Random rnd = new Random(thread);
        List<Written> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = thread * 1_000L + i;
            int length = rnd.nextInt(3 * MIB + 1);
            out.add(new Written(put(store, content(seed, length), rnd), seed));
        }
        return out;
    }

    /** Writes {@code data} in random pieces from heap and direct buffers. */
    static BlobRef put(SegmentStore store, byte[] data, Random rnd) throws IOException {
        try (BlobWriter w = store.create(data.length)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + rnd.nextInt(300 * 1024));
                ByteBuffer piece = rnd.nextBoolean() ? ByteBuffer.wrap(data, at, n) : ByteBuffer.allocateDirect(n).put(data, at, n).flip();
                w.write(piece);
                at += n;
            }
            return w.finish();
        }
    }

    static byte[] read(SegmentStore store, BlobRef ref, long from, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count);
        store.read(ref, from, count, b -> Channels.newChannel(out).write(b));
        return out.toByteArray();
    }

    static byte[] content(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed * 7919 + length).nextBytes(b);
        return b;
    }

    private static void assertNoOverlaps(List<Written> all) {
        List<BlobRef> refs = all.stream().map(Written::ref).filter(r -> r.length() > 0)
                .sorted(java.util.Comparator.comparingLong(BlobRef::segment).thenComparingLong(BlobRef::offset)).toList();
        for (int i = 1; i < refs.size(); i++) {
            BlobRef a = refs.get(i - 1);
            BlobRef b = refs.get(i);
            assertTrue(a.segment() != b.segment() || a.offset() + a.length() <= b.offset(), a + " overlaps " + b);
        }
    }

    private Set<String> segmentFiles() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).collect(java.util.stream.Collectors.toSet());
        }
    }
}
