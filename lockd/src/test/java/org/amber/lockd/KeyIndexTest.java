package org.amber.lockd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.amber.lockd.command.Command;
import org.amber.lockd.command.CreateBucket;
import org.amber.lockd.command.DeleteObject;
import org.amber.lockd.command.PutBucketVersioning;
import org.amber.lockd.command.PutObject;
import org.amber.lockd.event.Recorded;
import org.junit.jupiter.api.Test;

/**
 * A state with hashed keys (the decide stage's) against one with ordered keys (the published one): the same
 * records give the same versions under every key, the same decisions and the same extents; only the
 * ordered one lists keys or makes an image, and a hashed one restored from an image holds what the image does.
 */
class KeyIndexTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ME = "arn:aws:iam::000000000000:root";

    @Test
    void hashedAndOrderedStatesAgreeRecordForRecord() {
        Store ordered = new Store(KeyIndex.ORDERED);
        Store hashed = new Store(KeyIndex.HASHED);
        List<Command> commands = new ArrayList<>(List.of(new CreateBucket("b"), new PutBucketVersioning("b", Versioning.ENABLED)));
        Random r = new Random(7);
        Set<String> keys = new TreeSet<>(KeyOrder.UTF8);
        for (int i = 0; i < 3_000; i++) {
            String key = "k/" + r.nextInt(400) + (r.nextInt(10) == 0 ? "/\u00e9" : "");
            keys.add(key);
            commands.add(r.nextInt(5) == 0 ? new DeleteObject("b", key, null)
                    : new PutObject("b", key, new BlobRef(i % 7, i * 4096L, 100, i, new int[]{i}), 100, "etag" + i, ObjectMeta.NONE));
        }
        for (Command c : commands) {
            long seq = ordered.lastSeq() + 1;
            Instant t = T0.plusSeconds(seq);
            Decision fromOrdered = StateMachine.decide(ordered, c, seq, t, ME);
            Decision fromHashed = StateMachine.decide(hashed, c, seq, t, ME);
            assertEquals(fromOrdered.events(), fromHashed.events(), () -> "decision on " + c);
            Recorded rec = new Recorded(seq, t, RequestContext.system("test"), fromOrdered.events());
            ordered.apply(rec);
            hashed.apply(rec);
        }
        BucketState o = ordered.bucket("b").orElseThrow();
        BucketState h = hashed.bucket("b").orElseThrow();
        for (String key : keys) {
            assertEquals(o.versions(key).map(KeyVersions::newestFirst), h.versions(key).map(KeyVersions::newestFirst), key);
        }
        assertEquals(keys, o.keys().keySet(), "the ordered state lists every key, in UTF-8 order");
        assertEquals(o.allVersions().size(), h.allVersions().size());
        assertEquals(ordered.referencedExtents(), hashed.referencedExtents());
        assertEquals(ordered.referencedSegments(), hashed.referencedSegments());

        assertThrows(IllegalStateException.class, h::keys, "a hashed state has no listing order");
        assertThrows(IllegalStateException.class, hashed::image, "nor an image");

        Store restored = Store.restore(ordered.image(), KeyIndex.HASHED);
        BucketState back = restored.bucket("b").orElseThrow();
        for (String key : keys) {
            assertEquals(o.versions(key).map(KeyVersions::newestFirst), back.versions(key).map(KeyVersions::newestFirst), key);
        }
        assertEquals(ordered.lastSeq(), restored.lastSeq());
    }
}
