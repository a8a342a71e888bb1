package org.amber.lockd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.amber.lockd.command.AbortMultipartUpload;
import org.amber.lockd.command.Command;
import org.amber.lockd.command.CompleteMultipartUpload;
import org.amber.lockd.command.CreateBucket;
import org.amber.lockd.command.CreateMultipartUpload;
import org.amber.lockd.command.DeleteBucket;
import org.amber.lockd.command.DropSegments;
import org.amber.lockd.command.PutObject;
import org.amber.lockd.command.RelocateExtents;
import org.amber.lockd.command.PutBucketVersioning;
import org.amber.lockd.command.UploadPart;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.VersionStored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads in the state machine: parts, completion from exactly the parts seen, abort, bucket deletion. */
class MultipartStateTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    Store store;

    /** The decide stage's state holds keys {@link KeyIndex#HASHED}; the same rules must hold either way. */
    KeyIndex keyIndex() {
        return KeyIndex.ORDERED;
    }

    @BeforeEach
    void fresh() {
        store = new Store(keyIndex());
        run(new CreateBucket("b"));
    }

    Decision run(Command c) {
        long seq = store.lastSeq() + 1;
        Instant t = T0.plusSeconds(seq);
        Decision d = StateMachine.decide(store, c, seq, t, "alice");
        if (!d.refused() && !d.events().isEmpty()) {
            store.apply(new Recorded(seq, t, RequestContext.system("test"), d.events()));
        }
        return d;
    }

    String create(String key) {
        return ((UploadCreated) run(new CreateMultipartUpload("b", key, ObjectMeta.NONE, "CRC32", "COMPOSITE")).events().get(0)).uploadId();
    }

    Decision part(String key, String id, int n, long segment) {
        return run(new UploadPart("b", key, id, n, 10, "etag" + n + "-" + segment, new BlobRef(segment, 0, 10, 1, new int[] {1}),
                Map.of("x-amz-checksum-crc32", "AAAAAA==")));
    }

    Upload upload(String id) {
        return store.bucket("b").orElseThrow().upload(id).orElseThrow();
    }

    @Test
    void completionTakesThePartsItWasGivenIfTheyAreStillCurrent() {
        String id = create("k");
        part("k", id, 1, 1);
        part("k", id, 2, 2);
        List<Part> seen = List.copyOf(upload(id).parts().values());
        part("k", id, 2, 3); // a concurrent re-upload of part 2 after the client listed its parts
        Decision stale = run(new CompleteMultipartUpload("b", "k", id, seen, 20, "x-2", ObjectMeta.NONE));
        assertEquals(Refusal.INVALID_PART, stale.refusal());
        List<Part> current = List.copyOf(upload(id).parts().values());
        Decision ok = run(new CompleteMultipartUpload("b", "k", id, current, 20, "x-2", ObjectMeta.NONE));
        assertTrue(ok.events().get(0) instanceof VersionStored);
        assertEquals(new UploadEnded("b", id), ok.events().get(ok.events().size() - 1));
        ObjectVersion v = store.bucket("b").orElseThrow().latest("k").orElseThrow();
        assertEquals(List.of(1L, 3L), v.extents().stream().map(BlobRef::segment).toList());
        assertTrue(store.bucket("b").orElseThrow().upload(id).isEmpty());
        assertEquals(Refusal.NO_SUCH_UPLOAD, run(new CompleteMultipartUpload("b", "k", id, current, 20, "x-2", ObjectMeta.NONE)).refusal());
    }

    @Test
    void anUploadBelongsToItsKeyAndEndsOnce() {
        String id = create("k");
        assertEquals(Refusal.NO_SUCH_UPLOAD, part("other", id, 1, 1).refusal());
        assertEquals(Refusal.NO_SUCH_UPLOAD, run(new AbortMultipartUpload("b", "other", id)).refusal());
        assertTrue(run(new AbortMultipartUpload("b", "k", id)).events().contains(new UploadEnded("b", id)));
        assertEquals(Refusal.NO_SUCH_UPLOAD, run(new AbortMultipartUpload("b", "k", id)).refusal());
        assertEquals(Refusal.NO_SUCH_UPLOAD, part("k", id, 1, 1).refusal());
    }

    @Test
    void completingIntoAnUnversionedKeyReplacesTheNullVersionAndVersionedAddsOne() {
        String a = create("k");
        part("k", a, 1, 1);
        run(new CompleteMultipartUpload("b", "k", a, List.copyOf(upload(a).parts().values()), 10, "e-1", ObjectMeta.NONE));
        String b = create("k");
        part("k", b, 1, 2);
        Decision second = run(new CompleteMultipartUpload("b", "k", b, List.copyOf(upload(b).parts().values()), 10, "f-1", ObjectMeta.NONE));
        assertEquals(new VersionRemoved("b", "k", VersionIds.NULL), second.events().get(0));
        run(new PutBucketVersioning("b", Versioning.ENABLED));
        String c = create("k");
        part("k", c, 1, 3);
        Decision third = run(new CompleteMultipartUpload("b", "k", c, List.copyOf(upload(c).parts().values()), 10, "g-1", ObjectMeta.NONE));
        assertEquals(third.versionId(), store.bucket("b").orElseThrow().latest("k").orElseThrow().versionId());
        assertEquals(2, store.bucket("b").orElseThrow().versions("k").orElseThrow().newestFirst().size());
    }

    @Test
    void droppingTakesOnlyUnreferencedSegmentsAndNothingMayReferenceThemAfter() {
        String id = create("k");
        part("k", id, 1, 11);
        part("k", id, 2, 12);
        part("k", id, 2, 13); // replaces the part in segment 12
        Decision d = run(new DropSegments(java.util.Set.of(11L, 12L, 13L, 14L)));
        assertEquals(List.of(new SegmentsDropped(List.of(12L, 14L))), d.events());
        assertEquals(Refusal.BLOB_RECLAIMED, part("k", id, 3, 14).refusal(), "a blob written into a dropped segment is refused");
        assertEquals(Refusal.BLOB_RECLAIMED, run(new PutObject("b", "x", new BlobRef(12, 0, 10, 1, new int[] {1}), 10, "e",
                ObjectMeta.NONE)).refusal());
        assertTrue(run(new DropSegments(java.util.Set.of(12L))).events().isEmpty(), "already dropped");
        run(new AbortMultipartUpload("b", "k", id));
        assertEquals(List.of(new SegmentsDropped(List.of(11L, 13L))), run(new DropSegments(java.util.Set.of(11L, 13L))).events());
    }

    @Test
    void relocationMovesEveryReferenceAndOnlyLiveOnes() {
        String id = create("k");
        part("k", id, 1, 21);
        List<Part> listed = List.copyOf(upload(id).parts().values());
        BlobRef from = listed.get(0).blob();
        BlobRef to = new BlobRef(30, 4096, 10, 1, new int[] {1});
        BlobRef deadFrom = new BlobRef(21, 8192, 10, 1, new int[] {1});
        Decision d = run(new RelocateExtents(List.of(new ExtentMove(from, to), new ExtentMove(deadFrom, to))));
        assertEquals(List.of(new ExtentsMoved(List.of(new ExtentMove(from, to)))), d.events(), "only referenced extents move");
        assertEquals(to, upload(id).part(1).orElseThrow().blob());
        Decision done = run(new CompleteMultipartUpload("b", "k", id, listed, 10, "e-1", ObjectMeta.NONE));
        assertEquals(null, done.refusal(), "the client's list names the part as it was before the move");
        ObjectVersion v = store.bucket("b").orElseThrow().latest("k").orElseThrow();
        assertEquals(List.of(to), v.extents());
        BlobRef again = new BlobRef(31, 0, 10, 1, new int[] {1});
        run(new RelocateExtents(List.of(new ExtentMove(to, again))));
        assertEquals(List.of(again), store.bucket("b").orElseThrow().latest("k").orElseThrow().extents(), "versions follow moves too");
        assertEquals(List.of(new SegmentsDropped(List.of(21L, 30L))), run(new DropSegments(java.util.Set.of(21L, 30L, 31L))).events());
    }

    @Test
    void movesThatNameTheirOwnerTouchOnlyThatKeyAndMoveOnlyWhatItReferences() {
        BlobRef a = new BlobRef(40, 0, 10, 1, new int[] {1});
        BlobRef b = new BlobRef(40, 4096, 10, 1, new int[] {1});
        run(new PutObject("b", "ka", a, 10, "ea", ObjectMeta.NONE));
        run(new PutObject("b", "kb", b, 10, "eb", ObjectMeta.NONE));
        String id = create("ku");
        part("ku", id, 1, 41);
        BlobRef partFrom = upload(id).part(1).orElseThrow().blob();
        BlobRef aTo = new BlobRef(50, 0, 10, 1, new int[] {1});
        BlobRef bTo = new BlobRef(50, 4096, 10, 1, new int[] {1});
        BlobRef partTo = new BlobRef(50, 8192, 10, 1, new int[] {1});
        Decision d = run(new RelocateExtents(List.of(new ExtentMove(a, aTo, "b", "ka"),
                new ExtentMove(b, bTo, "b", "ka"), // names an owner that does not reference it: not moved
                new ExtentMove(partFrom, partTo, "b", "ku"),
                new ExtentMove(b, bTo, "nobucket", "kb"))));
        assertEquals(List.of(new ExtentsMoved(List.of(new ExtentMove(a, aTo, "b", "ka"), new ExtentMove(partFrom, partTo, "b", "ku")))),
                d.events());
        BucketState bucket = store.bucket("b").orElseThrow();
        assertEquals(List.of(aTo), bucket.latest("ka").orElseThrow().extents());
        assertEquals(List.of(b), bucket.latest("kb").orElseThrow().extents(), "a key no move names keeps its place");
        assertEquals(partTo, upload(id).part(1).orElseThrow().blob());
        assertEquals(List.of(new SegmentsDropped(List.of(41L))), run(new DropSegments(java.util.Set.of(40L, 41L))).events(),
                "segment 40 still holds kb's bytes, whatever a move named");
    }

    @Test
    void uploadsListInKeyOrderThenStartOrderAndEndWithTheirBucket() {
        String k2 = create("k2");
        String k1a = create("k1");
        String k1b = create("k1");
        var uploads = store.bucket("b").orElseThrow().uploads();
        assertEquals(List.of("k1", "k2"), List.copyOf(uploads.keySet()));
        assertEquals(List.of(k1a, k1b), uploads.get("k1").stream().map(Upload::uploadId).toList());
        Decision deleted = run(new DeleteBucket("b"));
        assertEquals(4, deleted.events().size(), "three uploads end, then the bucket goes");
        assertTrue(deleted.events().contains(new UploadEnded("b", k2)));
        assertTrue(store.bucket("b").isEmpty());
    }

}
