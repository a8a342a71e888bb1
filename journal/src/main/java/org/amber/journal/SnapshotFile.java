package org.amber.journal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amber.lockd.KeyVersions;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.StoreImage;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.SegmentsDropped;

/**
 * One snapshot file: a {@link StoreImage} and the journal index of the record it was taken at.
 *
 * <p>Layout: a sequence of parts, each a kind byte, a 4-byte length and a frame exactly as the journal
 * frames a record (CRC32C, format version, tagged struct), so that every part is checked and every
 * struct in it (records, events, versions) is written by the journal's own codec:
 * <pre>
 * 'H' Snapshot {format, lastSeq, lastTime, lastLockTime, journalIndex}
 * 'I' Identity {records: [Recorded…]}                                 (any number)
 * 'B' Bucket {setup: [BucketCreated, VersioningChanged…, UploadCreated, PartStored…]}
 * 'S' Setup {setup: [UploadCreated, PartStored…]}                      (the bucket's setup, continued)
 * 'K' Keys {bucket, keys: [Key {versions: [ObjectVersion…] newest first}…]} (in key order)
 * 'D' Dropped {event: SegmentsDropped}
 * 'E' End {parts, versions}                                          (a file without it is incomplete)
 * </pre>
 * A part holds at most {@link #KEYS_PER_PART} keys or records and is closed once it reaches
 * {@link #PART_BYTES}, so that no part nears the codec's frame limit however large the objects (a version
 * carries a checksum per MiB of its body, and a multipart one its parts): a key's versions may continue
 * in the next Keys part (the same key again), a bucket's setup in Setup parts. Keys parts are decoded on
 * every core in parallel, then put back in file order. Stateless; any thread.
 */
final class SnapshotFile {
    /** The layout above. */
    static final int FORMAT = 1;
    static final int KEYS_PER_PART = 1024;
    /** A part is closed once its structs reach this many bytes (a single struct may exceed it, up to the frame limit). */
    static final int PART_BYTES = 4 << 20;
    private static final int IN_FLIGHT_PER_THREAD = 16;

    /** What a snapshot file holds, and how many versions (counted by its End part). */
    record Contents(StoreImage image, long journalIndex, long versions) {
    }

    private SnapshotFile() {
    }

    /** Writes {@code image} to the new file {@code file} and fsyncs it; returns the versions written. */
    static long write(Path file, StoreImage image, long journalIndex) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20));
            Writer w = new Writer(out);
            w.part('H', new TaggedWriter("Snapshot").putInt("format", FORMAT).putLong("lastSeq", image.lastSeq())
                    .putInstant("lastTime", image.lastTime()).putInstant("lastLockTime", image.lastLockTime())
                    .putLong("journalIndex", journalIndex));
            Parts identity = new Parts(w, 'I', 'I', (kind, list) -> new TaggedWriter("Identity").putStructList("records", list));
            for (Recorded r : image.identity()) {
                identity.add(EventEncoder.recorded(r));
            }
            identity.close();
            long versions = 0;
            for (StoreImage.BucketImage b : image.buckets()) {
                Parts setup = new Parts(w, 'B', 'S', (kind, list) -> new TaggedWriter(kind == 'B' ? "Bucket" : "Setup")
                        .putStructList("setup", list));
                for (Event e : b.setup()) {
                    setup.add(EventEncoder.event(e));
                }
                setup.close();
                versions += keys(w, b.name(), b.keys());
            }
            w.part('D', new TaggedWriter("Dropped").putStruct("event", EventEncoder.event(new SegmentsDropped(image.droppedSegments()))));
            int parts = w.parts;
            w.part('E', new TaggedWriter("End").putInt("parts", parts).putLong("versions", versions));
            out.flush();
            ch.force(true);
            return versions;
        }
    }

    /**
     * A bucket's keys in Keys parts of at most {@link #KEYS_PER_PART} keys and about {@link #PART_BYTES}: a
     * key whose versions do not fit continues in the next part. Returns the versions written.
     */
    private static long keys(Writer w, String bucket, List<KeyVersions> keys) throws IOException {
        long count = 0;
        Parts parts = new Parts(w, 'K', 'K', (kind, list) -> new TaggedWriter("Keys").putString("bucket", bucket).putStructList("keys", list));
        for (KeyVersions kv : keys) {
            List<TaggedWriter> versions = new ArrayList<>();
            int bytes = 0;
            for (ObjectVersion v : kv.newestFirst()) {
                TaggedWriter tw = EventEncoder.version(v);
                if (!versions.isEmpty() && parts.bytes + bytes + tw.size() > PART_BYTES) {
                    parts.add(key(versions));
                    parts.flush();
                    versions = new ArrayList<>();
                    bytes = 0;
                }
                versions.add(tw);
                bytes += tw.size();
                count++;
            }
            parts.add(key(versions));
        }
        parts.close();
        return count;
    }

    private static TaggedWriter key(List<TaggedWriter> versions) {
        return new TaggedWriter("Key").putStructList("versions", versions);
    }

    /** Structs gathered into parts of one kind, each closed at {@link #KEYS_PER_PART} structs or {@link #PART_BYTES}. */
    private static final class Parts {
        private final Writer w;
        private final char firstKind;
        private final char nextKind;
        private final java.util.function.BiFunction<Character, List<TaggedWriter>, TaggedWriter> wrap;
        private List<TaggedWriter> structs = new ArrayList<>();
        private int bytes;
        private boolean written;

        /** The first part is of {@code firstKind}, the later ones of {@code nextKind}. */
        Parts(Writer w, char firstKind, char nextKind, java.util.function.BiFunction<Character, List<TaggedWriter>, TaggedWriter> wrap) {
            this.w = w;
            this.firstKind = firstKind;
            this.nextKind = nextKind;
            this.wrap = wrap;
        }

        void add(TaggedWriter struct) throws IOException {
            if (!structs.isEmpty() && (structs.size() == KEYS_PER_PART || bytes + struct.size() > PART_BYTES)) {
                flush();
            }
            structs.add(struct);
            bytes += struct.size();
        }

        void flush() throws IOException {
            char kind = written ? nextKind : firstKind;
            w.part(kind, wrap.apply(kind, structs));
            written = true;
            structs = new ArrayList<>();
            bytes = 0;
        }

        /** Writes what is left (no part when there is nothing). */
        void close() throws IOException {
            if (!structs.isEmpty()) {
                flush();
            }
        }
    }

    /** Counts the parts it writes. */
    private static final class Writer {
        private final DataOutputStream out;
        private int parts;

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void part(char kind, TaggedWriter struct) throws IOException {
            byte[] frame = EventCodec.frame(struct);
            out.writeByte(kind);
            out.writeInt(frame.length);
            out.write(frame);
            parts++;
        }
    }

    /** Reads and checks a whole snapshot file. */
    static Contents read(Path file) throws IOException, CorruptRecordException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService decoders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "amber-snapshot-decode");
            t.setDaemon(true);
            return t;
        });
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            return new Reader(in, decoders, threads * IN_FLIGHT_PER_THREAD).read();
        } finally {
            decoders.shutdownNow();
        }
    }

    /** One read: the parts in order, Keys parts decoded in parallel. Confined to the reading thread. */
    private static final class Reader {
        private final DataInputStream in;
        private final ExecutorService decoders;
        private final int maxInFlight;
        private final List<Recorded> identity = new ArrayList<>();
        private final List<StoreImage.BucketImage> buckets = new ArrayList<>();
        private List<Event> setup;
        private String bucket;
        /** The current bucket's Keys parts, decoding or decoded, in file order; those before {@code awaited} are done. */
        private List<Future<List<KeyVersions>>> bucketKeys = new ArrayList<>();
        private int awaited;
        private List<Long> dropped;
        private int parts;

        Reader(DataInputStream in, ExecutorService decoders, int maxInFlight) {
            this.in = in;
            this.decoders = decoders;
            this.maxInFlight = maxInFlight;
        }

        Contents read() throws IOException, CorruptRecordException {
            TaggedStruct h = EventCodec.decode(expect('H'), s -> s);
            if (!h.type().equals("Snapshot") || h.getInt("format") != FORMAT) {
                throw new CorruptRecordException("not a snapshot of format " + FORMAT + ": " + h.type());
            }
            while (true) {
                int kind = in.read();
                if (kind < 0) {
                    throw new CorruptRecordException("the snapshot ends after " + parts + " parts without its End part");
                }
                byte[] frame = frame();
                parts++;
                switch (kind) {
                    case 'I' -> identity.addAll(EventCodec.decode(frame, s -> {
                        List<Recorded> out = new ArrayList<>();
                        for (TaggedStruct r : s.getStructList("records")) {
                            out.add(EventDecoder.recorded(r));
                        }
                        return out;
                    }));
                    case 'B' -> {
                        endBucket();
                        setup = new ArrayList<>(setupEvents(frame));
                        bucket = new StoreImage.BucketImage(setup, List.of()).name();
                    }
                    case 'S' -> {
                        if (bucket == null) {
                            throw new CorruptRecordException("a Setup part outside a bucket");
                        }
                        setup.addAll(setupEvents(frame));
                    }
                    case 'K' -> submitKeys(frame);
                    case 'D' -> {
                        endBucket();
                        dropped = ((SegmentsDropped) EventCodec.decode(frame, s -> EventDecoder.event(s.getStruct("event")))).segments();
                    }
                    case 'E' -> {
                        endBucket();
                        return end(EventCodec.decode(frame, s -> s), h);
                    }
                    default -> throw new CorruptRecordException("unknown snapshot part kind " + kind + " after " + parts + " parts");
                }
            }
        }

        private static List<Event> setupEvents(byte[] frame) throws CorruptRecordException {
            return EventCodec.decode(frame, s -> {
                List<Event> out = new ArrayList<>();
                for (TaggedStruct e : s.getStructList("setup")) {
                    out.add(EventDecoder.event(e));
                }
                return out;
            });
        }

        private Contents end(TaggedStruct end, TaggedStruct h) throws CorruptRecordException {
            if (dropped == null || end.getInt("parts") != parts) {
                throw new CorruptRecordException("the snapshot's End part counts " + end.getInt("parts") + " parts before it, read " + parts);
            }
            StoreImage image = new StoreImage(h.getLong("lastSeq"), h.getInstant("lastTime"), h.getInstant("lastLockTime"),
                    identity, buckets, dropped);
            long versions = image.versions();
            if (versions != end.getLong("versions")) {
                throw new CorruptRecordException("the snapshot's End part counts " + end.getLong("versions") + " versions, read "
                        + versions);
            }
            return new Contents(image, h.getLong("journalIndex"), versions);
        }

        private void submitKeys(byte[] frame) throws CorruptRecordException {
            if (bucket == null) {
                throw new CorruptRecordException("a Keys part before any Bucket part");
            }
            String expected = bucket;
            while (bucketKeys.size() - awaited >= maxInFlight) {
                await(bucketKeys.get(awaited++));
            }
            bucketKeys.add(decoders.submit(() -> EventCodec.decode(frame, s -> keys(s, expected))));
        }

        private void endBucket() throws CorruptRecordException {
            if (bucket == null) {
                return;
            }
            List<KeyVersions> keys = new ArrayList<>();
            for (Future<List<KeyVersions>> f : bucketKeys) {
                List<KeyVersions> part = await(f);
                int from = 0;
                if (!keys.isEmpty() && !part.isEmpty() && part.get(0).latest().key().equals(keys.get(keys.size() - 1).latest().key())) {
                    // The key continues from the previous part: its older versions follow.
                    List<ObjectVersion> joined = new ArrayList<>(keys.get(keys.size() - 1).newestFirst());
                    joined.addAll(part.get(0).newestFirst());
                    keys.set(keys.size() - 1, new KeyVersions(joined));
                    from = 1;
                }
                keys.addAll(part.subList(from, part.size()));
            }
            buckets.add(new StoreImage.BucketImage(setup, keys));
            bucket = null;
            bucketKeys = new ArrayList<>();
            awaited = 0;
        }

        private byte[] expect(char kind) throws IOException, CorruptRecordException {
            int k = in.read();
            if (k != kind) {
                throw new CorruptRecordException("expected a snapshot part of kind " + kind + ", found " + k);
            }
            return frame();
        }

        private byte[] frame() throws IOException, CorruptRecordException {
            try {
                int length = in.readInt();
                if (length < EventCodec.HEADER_BYTES || length > EventCodec.MAX_FRAME_BYTES) {
                    throw new CorruptRecordException("a snapshot part of " + length + " bytes");
                }
                byte[] frame = new byte[length];
                in.readFully(frame);
                return frame;
            } catch (EOFException e) {
                throw new CorruptRecordException("the snapshot ends inside a part");
            }
        }

        private static List<KeyVersions> await(Future<List<KeyVersions>> f) throws CorruptRecordException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a snapshot", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CorruptRecordException c) {
                    throw c;
                }
                throw new CorruptRecordException("decoding a snapshot part failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static List<KeyVersions> keys(TaggedStruct s, String bucket) throws CorruptRecordException {
        if (!bucket.equals(s.getString("bucket"))) {
            throw new CorruptRecordException("a Keys part of bucket " + s.getString("bucket") + " inside bucket " + bucket);
        }
        List<TaggedStruct> keys = s.getStructList("keys");
        List<KeyVersions> out = new ArrayList<>(keys.size());
        for (TaggedStruct k : keys) {
            List<TaggedStruct> vs = k.getStructList("versions");
            List<ObjectVersion> versions = new ArrayList<>(vs.size());
            for (TaggedStruct v : vs) {
                ObjectVersion ov = EventDecoder.version(v);
                if (!versions.isEmpty() && !versions.get(0).key().equals(ov.key())) {
                    throw new CorruptRecordException("versions of keys " + versions.get(0).key() + " and " + ov.key() + " in one Key");
                }
                versions.add(ov);
            }
            if (versions.isEmpty()) {
                throw new CorruptRecordException("a Key without versions in bucket " + bucket);
            }
            out.add(new KeyVersions(versions));
        }
        return out;
    }
}
