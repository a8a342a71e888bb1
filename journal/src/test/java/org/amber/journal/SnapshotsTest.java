package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Store;
import org.amber.lockd.StoreImage;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.IamEvent;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.TagsSet;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.PartStored;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.iam.PolicyScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN "The journal is the truth … Snapshots only shorten replay": a snapshot plus the records after it rebuild the same state. */
class SnapshotsTest {
    @TempDir
    Path tmp;

    /**
     * Random histories (every event type, identities, uploads, moves, drops, buckets deleted and recreated),
     * cut at several points: the state restored from a snapshot at the cut, with the rest applied, answers
     * every read exactly as the state that applied everything.
     */
    @Test
    void snapshotPlusTheRecordsAfterItEqualsTheWholeHistory() throws Exception {
        List<Recorded> history = validHistory(new Random(7), 4_000);
        Store whole = apply(new Store(), history);
        for (int cut : new int[] {1, 2, 999, 2_500, 4_000}) {
            Snapshots snapshots = Snapshots.open(tmp.resolve("cut" + cut));
            Store before = apply(new Store(), history.subList(0, cut));
            snapshots.write(before.image(), cut);
            Snapshots.Loaded loaded = snapshots.loadNewest().orElseThrow();
            assertEquals(cut, loaded.journalIndex());
            assertEquals(Describe.of(before.image()), Describe.of(loaded.image()), "the image reads back as written, cut " + cut);
            Store restored = apply(Store.restore(loaded.image()), history.subList(cut, history.size()));
            StateDump.assertEqual(StateDump.of(whole), StateDump.of(restored), "cut at record " + cut);
        }
        assertTrue(StateDump.of(whole).size() > 200, "the history must build a real state: " + StateDump.of(whole).size());
    }

    /** Keys spanning many parts, in UTF-8 byte order (which differs from String order), come back in order and complete. */
    @Test
    void manyKeysKeepTheirListingOrder() throws Exception {
        List<Event> events = new ArrayList<>(List.of(new BucketCreated("big", "root", SampleRecords.T0)));
        for (int i = 0; i < 5_000; i++) {
            String key = switch (i % 4) {
                case 0 -> "k" + i;
                case 1 -> "\uFF61" + i;          // U+FF61: after U+D83D surrogates in String order, before them in UTF-8
                case 2 -> "\uD83D\uDE00" + i;    // an emoji, 4 bytes in UTF-8
                default -> "ü/" + i;
            };
            events.add(new VersionStored("big", new ObjectVersion(key, "v" + i, i + 2, false, SampleRecords.T0.plusMillis(i), 1,
                    "\"e\"", new BlobRef(1, 4096L * i, 1, 0, new int[] {0}), ObjectMeta.NONE, "root")));
        }
        Store s = new Store();
        s.apply(new Recorded(1, SampleRecords.T0, RequestContext.system("t"), events));
        Snapshots snapshots = Snapshots.open(tmp);
        snapshots.write(s.image(), 1);
        Store restored = Store.restore(snapshots.loadNewest().orElseThrow().image());
        StateDump.assertEqual(StateDump.of(s), StateDump.of(restored), "5,000 keys");
        assertEquals(5_000, restored.bucket("big").orElseThrow().keys().size());
        assertEquals(new ArrayList<>(s.bucket("big").orElseThrow().keys().keySet()),
                new ArrayList<>(restored.bucket("big").orElseThrow().keys().keySet()));
        assertTrue(restored.bucket("big").orElseThrow().keys().containsKey("k2000"),
                "a restored key map finds keys by lookup, not only by iteration");
        assertTrue(restored.bucket("big").orElseThrow().version("\uD83D\uDE002", "v2").isPresent());
    }

    /**
     * Large objects: multipart versions with a checksum per MiB of each part. One key's versions, and one
     * bucket's upload in progress, take more than a snapshot part may hold; they continue in the next parts
     * and come back whole, in order.
     */
    @Test
    void keysAndUploadsLargerThanAPartSpanSeveral() throws Exception {
        List<Event> events = new ArrayList<>(List.of(new BucketCreated("vms", "root", SampleRecords.T0)));
        long seq = 2;
        for (String key : new String[] {"a.img", "b.img", "c.img"}) {
            for (int v = 0; v < 60; v++) {
                List<Part> parts = new ArrayList<>();
                for (int n = 1; n <= 200; n++) {
                    parts.add(bigPart(n, seq));
                }
                events.add(new VersionStored("vms", new ObjectVersion(key, "v" + seq, seq, false, SampleRecords.T0.plusMillis(seq),
                        200L * 100 * BlobRef.CHUNK, "\"e-200\"", null, ObjectMeta.NONE, "root", parts)));
                seq++;
            }
        }
        events.add(new UploadCreated("vms", "d.img", "u1", seq, SampleRecords.T0, "root", ObjectMeta.NONE, null, null));
        for (int n = 1; n <= 10_000; n++) {
            events.add(new PartStored("vms", "u1", bigPart(n, seq)));
        }
        Store s = new Store();
        s.apply(new Recorded(1, SampleRecords.T0, RequestContext.system("t"), events));
        Snapshots snapshots = Snapshots.open(tmp);
        long bytes = snapshots.write(s.image(), 1).bytes();
        assertTrue(bytes > 3L * SnapshotFile.PART_BYTES, "the state is larger than a few parts: " + bytes);
        Store restored = Store.restore(snapshots.loadNewest().orElseThrow().image());
        StateDump.assertEqual(StateDump.of(s), StateDump.of(restored), "large objects");
        assertEquals(60, restored.bucket("vms").orElseThrow().versions("b.img").orElseThrow().newestFirst().size());
        assertEquals(10_000, restored.bucket("vms").orElseThrow().upload("u1").orElseThrow().parts().size());
    }

    private static Part bigPart(int number, long seq) {
        int[] crcs = new int[100];
        java.util.Arrays.fill(crcs, number);
        return new Part(number, 100L * BlobRef.CHUNK, "\"p" + number + "\"", new BlobRef(seq, number * 100L * BlobRef.CHUNK,
                100L * BlobRef.CHUNK, number, crcs), Map.of(), SampleRecords.T0);
    }

    /** A damaged or incomplete newest snapshot is moved aside and the older one is used; only the newest two are kept. */
    @Test
    void aDamagedSnapshotFallsBackToTheOlderOne() throws Exception {
        List<Recorded> history = validHistory(new Random(3), 600);
        Snapshots snapshots = Snapshots.open(tmp);
        for (int cut : new int[] {100, 200, 300}) {
            snapshots.write(apply(new Store(), history.subList(0, cut)).image(), cut);
        }
        List<Path> files = snapshots.files();
        assertEquals(List.of("state-00000000000000000300.snap", "state-00000000000000000200.snap"),
                files.stream().map(p -> p.getFileName().toString()).toList(), "the newest two are kept");
        try (RandomAccessFile f = new RandomAccessFile(files.get(0).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x10);
        }
        Snapshots.Loaded loaded = snapshots.loadNewest().orElseThrow();
        assertEquals(200, loaded.image().lastSeq());
        assertTrue(Files.exists(tmp.resolve("state-00000000000000000300.snap.corrupt")), "the damaged one is kept aside");
        StateDump.assertEqual(StateDump.of(apply(new Store(), history.subList(0, 200))), StateDump.of(Store.restore(loaded.image())),
                "the older snapshot");

        // Cut off the End part: a file that was never finished is not a snapshot.
        Path older = files.get(1);
        byte[] whole = Files.readAllBytes(older);
        Files.write(older, java.util.Arrays.copyOf(whole, whole.length - 20));
        assertEquals(Optional.empty(), snapshots.loadNewest());
    }

    /** What an interrupted write leaves (a .tmp) is removed at open and never loaded. */
    @Test
    void anInterruptedWriteLeavesNothingToLoad() throws Exception {
        Files.writeString(tmp.resolve("state-00000000000000000009.snap.tmp"), "half a snapshot");
        Snapshots snapshots = Snapshots.open(tmp);
        assertFalse(Files.exists(tmp.resolve("state-00000000000000000009.snap.tmp")));
        assertEquals(Optional.empty(), snapshots.loadNewest());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count());
        }
    }

    static Store apply(Store s, List<Recorded> records) {
        records.forEach(s::apply);
        return s;
    }

    /**
     * Random records whose events all apply: the buckets and uploads they name exist when they come (as the
     * decide stage guarantees for real records). Record 1 creates the buckets.
     */
    static List<Recorded> validHistory(Random rnd, int n) {
        Set<String> buckets = new HashSet<>();
        Set<String> uploads = new java.util.LinkedHashSet<>();
        List<String[]> stored = new ArrayList<>();
        List<Event> first = new ArrayList<>();
        for (int b = 0; b < 50; b++) {
            first.add(new BucketCreated("b" + b, "root", SampleRecords.T0));
            buckets.add("b" + b);
        }
        List<Recorded> out = new ArrayList<>(List.of(new Recorded(1, SampleRecords.T0, RequestContext.system("t"), first)));
        while (out.size() < n) {
            long seq = out.size() + 1;
            Recorded r = SampleRecords.random(rnd, seq);
            List<Event> events = new ArrayList<>();
            for (Event e : r.events()) {
                e = aimed(e, rnd, stored, uploads);
                if (applies(e, buckets, uploads)) {
                    events.add(e);
                    if (e instanceof VersionStored v) {
                        stored.add(new String[] {v.bucket(), v.version().key(), v.version().versionId()});
                    }
                }
            }
            if (!events.isEmpty()) {
                out.add(new Recorded(seq, r.time(), r.lockTime(), r.context(), events));
            }
        }
        return out;
    }

    /**
     * Random events rarely name a version or an upload that exists; most of those that change one are aimed
     * at one that was stored or created earlier (it may be gone by now, which applies as a no-op).
     */
    private static Event aimed(Event e, Random rnd, List<String[]> stored, Set<String> uploads) {
        if (rnd.nextInt(4) == 0) {
            return e;
        }
        if (e instanceof PartStored p && !uploads.isEmpty()) {
            String[] u = uploads.stream().skip(rnd.nextInt(uploads.size())).findFirst().orElseThrow().split("/", 2);
            return new PartStored(u[0], u[1], p.part());
        }
        if (stored.isEmpty()) {
            return e;
        }
        String[] v = stored.get(rnd.nextInt(stored.size()));
        if (e instanceof RetentionSet r) {
            return new RetentionSet(v[0], v[1], v[2], r.retention(), r.governanceBypassed());
        } else if (e instanceof LegalHoldSet h) {
            return new LegalHoldSet(v[0], v[1], v[2], h.status());
        } else if (e instanceof TagsSet t) {
            return new TagsSet(v[0], v[1], v[2], t.tags());
        } else if (e instanceof VersionRemoved && rnd.nextBoolean()) {
            return new VersionRemoved(v[0], v[1], v[2]);
        }
        return e;
    }

    /** Whether {@code e} applies given what exists; if so, notes what it creates or ends. */
    private static boolean applies(Event e, Set<String> buckets, Set<String> uploads) {
        if (e instanceof BucketCreated c) {
            buckets.add(c.bucket());
            uploads.removeIf(u -> u.startsWith(c.bucket() + "/"));
            return true;
        }
        if (e instanceof IamEvent.PolicySet p) {
            return p.scope() == PolicyScope.BUCKET ? buckets.contains(p.owner())
                    : p.scope() == PolicyScope.GUARDRAIL || p.name() != null; // inline policies have names
        }
        if (e instanceof ExtentsMoved m) {
            return m.moves().stream().allMatch(x -> !x.ownerKnown() || buckets.contains(x.bucket()));
        }
        String bucket = bucketOf(e);
        if (bucket == null) {
            return true;
        }
        if (!buckets.contains(bucket)) {
            return false;
        }
        if (e instanceof BucketDeleted) {
            buckets.remove(bucket);
            uploads.removeIf(u -> u.startsWith(bucket + "/"));
        } else if (e instanceof UploadCreated u) {
            uploads.add(bucket + "/" + u.uploadId());
        } else if (e instanceof UploadEnded u) {
            uploads.remove(bucket + "/" + u.uploadId());
        } else if (e instanceof PartStored p) {
            return uploads.contains(bucket + "/" + p.uploadId());
        }
        return true;
    }

    private static String bucketOf(Event e) {
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            if (c.getName().equals("bucket")) {
                try {
                    return (String) c.getAccessor().invoke(e);
                } catch (ReflectiveOperationException x) {
                    throw new IllegalStateException(x);
                }
            }
        }
        return null;
    }

}
