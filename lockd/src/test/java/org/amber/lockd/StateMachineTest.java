package org.amber.lockd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.amber.lockd.command.Command;
import org.amber.lockd.command.CreateBucket;
import org.amber.lockd.command.DeleteBucket;
import org.amber.lockd.command.DeleteObject;
import org.amber.lockd.command.PutBucketVersioning;
import org.amber.lockd.command.PutObject;
import org.amber.lockd.command.PutObjectTagging;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.VersionRemoved;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine of buckets, versions and delete markers, decided and applied as the pipeline does. */
class StateMachineTest {
    static final String ME = "arn:aws:iam::000000000000:root";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    Store store;

    /** The decide stage's state holds keys {@link KeyIndex#HASHED}; the same rules must hold either way. */
    KeyIndex keyIndex() {
        return KeyIndex.ORDERED;
    }

    @BeforeEach
    void fresh() {
        store = new Store(keyIndex());
    }

    /** Decides and, if accepted, applies — exactly what the decide stage does. */
    Decision run(Command c) {
        long seq = store.lastSeq() + 1;
        Instant t = T0.plusSeconds(seq);
        Decision d = StateMachine.decide(store, c, seq, t, ME);
        if (!d.refused() && !d.events().isEmpty()) {
            store.apply(new Recorded(seq, t, RequestContext.system("test"), d.events()));
        }
        return d;
    }

    Decision put(String key) {
        return run(new PutObject("b", key, BlobRef.EMPTY, 0, "d41d8cd98f00b204e9800998ecf8427e", ObjectMeta.NONE));
    }

    List<String> versionIds(String key) {
        return store.bucket("b").orElseThrow().versions(key).map(kv -> kv.newestFirst().stream()
                .map(v -> v.versionId() + (v.deleteMarker() ? "(dm)" : "")).collect(Collectors.toList())).orElse(List.of());
    }

    @Test
    void unversionedPutReplacesTheNullVersionExplicitly() {
        run(new CreateBucket("b"));
        assertNull(put("k").versionId());
        Decision second = put("k");
        assertTrue(second.events().get(0) instanceof VersionRemoved, "replacing a version is an explicit removal");
        assertEquals(List.of("null"), versionIds("k"));
    }

    @Test
    void versionedPutsKeepEveryVersionNewestFirst() {
        run(new CreateBucket("b"));
        put("k");
        run(new PutBucketVersioning("b", Versioning.ENABLED));
        String v2 = put("k").versionId();
        String v3 = put("k").versionId();
        assertEquals(List.of(v3, v2, "null"), versionIds("k"));
        assertTrue(v3.compareTo(v2) < 0, "ids sort newest first");
    }

    @Test
    void simpleDeleteByVersioningState() {
        run(new CreateBucket("b"));
        put("k");
        Decision unversioned = run(new DeleteObject("b", "k", null));
        assertFalse(unversioned.deleteMarker());
        assertEquals(List.of(), versionIds("k"), "unversioned delete removes the object");

        run(new PutBucketVersioning("b", Versioning.ENABLED));
        String v = put("k").versionId();
        Decision marker = run(new DeleteObject("b", "k", null));
        assertTrue(marker.deleteMarker());
        assertEquals(List.of(marker.versionId() + "(dm)", v), versionIds("k"));

        run(new PutBucketVersioning("b", Versioning.SUSPENDED));
        put("k");
        Decision suspended = run(new DeleteObject("b", "k", null));
        assertEquals("null", suspended.versionId());
        assertEquals(List.of("null(dm)", marker.versionId() + "(dm)", v), versionIds("k"),
                "a suspended delete replaces the null version with a null delete marker");
    }

    @Test
    void versionedDeleteRemovesExactlyThatVersion() {
        run(new CreateBucket("b"));
        run(new PutBucketVersioning("b", Versioning.ENABLED));
        String v1 = put("k").versionId();
        String v2 = put("k").versionId();
        Decision d = run(new DeleteObject("b", "k", v1));
        assertEquals(v1, d.versionId());
        assertEquals(List.of(v2), versionIds("k"));
        Decision again = run(new DeleteObject("b", "k", v1));
        assertTrue(again.events().isEmpty(), "deleting a missing version changes nothing");
        assertEquals(Refusal.INVALID_VERSION_ID, run(new DeleteObject("b", "k", "not-an-id")).refusal());
    }

    @Test
    void bucketRules() {
        assertEquals(Refusal.NO_SUCH_BUCKET, put("k").refusal());
        run(new CreateBucket("b"));
        assertEquals(Refusal.BUCKET_ALREADY_OWNED_BY_YOU, run(new CreateBucket("b")).refusal());
        assertEquals(Refusal.BUCKET_ALREADY_EXISTS,
                StateMachine.decide(store, new CreateBucket("b"), 99, T0, "someone-else").refusal());
        run(new PutBucketVersioning("b", Versioning.ENABLED));
        put("k");
        run(new DeleteObject("b", "k", null));
        assertEquals(Refusal.BUCKET_NOT_EMPTY, run(new DeleteBucket("b")).refusal());
        for (String id : List.copyOf(versionIds("k"))) {
            run(new DeleteObject("b", "k", id.replace("(dm)", "")));
        }
        assertFalse(run(new DeleteBucket("b")).refused(), "a bucket with no versions and no markers can go");
        assertTrue(store.bucket("b").isEmpty());
        assertEquals(Refusal.NO_SUCH_BUCKET, run(new DeleteBucket("b")).refusal());
    }

    @Test
    void taggingReplacesTagsInPlaceAndRefusesDeleteMarkers() {
        run(new CreateBucket("b"));
        run(new PutBucketVersioning("b", Versioning.ENABLED));
        String v1 = put("k").versionId();
        String v2 = put("k").versionId();
        Decision tagged = run(new PutObjectTagging("b", "k", v1, java.util.Map.of("a", "1")));
        assertEquals(v1, tagged.versionId());
        assertEquals(List.of(v2, v1), versionIds("k"), "tagging keeps the version order and creates no version");
        assertEquals(java.util.Map.of("a", "1"), store.bucket("b").orElseThrow().version("k", v1).orElseThrow().meta().tags());
        assertEquals(v2, run(new PutObjectTagging("b", "k", null, java.util.Map.of())).versionId(), "no id: the current version");
        String marker = run(new DeleteObject("b", "k", null)).versionId();
        assertEquals(Refusal.METHOD_NOT_ALLOWED, run(new PutObjectTagging("b", "k", marker, java.util.Map.of())).refusal());
        assertEquals(Refusal.NO_SUCH_KEY, run(new PutObjectTagging("b", "k", null, java.util.Map.of())).refusal());
        assertEquals(Refusal.NO_SUCH_VERSION, run(new PutObjectTagging("b", "k", VersionIds.of(999), java.util.Map.of())).refusal());
    }

    @Test
    void refusalsChangeNothing() {
        run(new CreateBucket("b"));
        long seq = store.lastSeq();
        assertTrue(run(new CreateBucket("b")).refused());
        assertEquals(seq, store.lastSeq());
    }
}
