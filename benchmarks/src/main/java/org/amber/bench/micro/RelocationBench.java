package org.amber.bench.micro;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ExtentMove;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Store;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.Recorded;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Applying a compaction's {@link ExtentsMoved} record to a state of 1,000,000 versions: {@code moved}
 * extents moved out of one segment, then moved back (so the state stays the same from call to call). Each
 * call applies both records, as replay and the pipeline do for each state. {@code owner=named} is how moves
 * are journaled now: each names the key that references it, so a move costs one key lookup (a few µs in a
 * map of a million keys). {@code owner=unknown} is how moves journaled before that are applied: a scan of
 * every version per record, whatever the number of moves. Naming wins for the usual compaction (a few live
 * extents left in a mostly dead segment); a scan amortises better over tens of thousands of moves.
 */
public class RelocationBench extends MicroBench {
    static final int VERSIONS = 1_000_000;

    @Param({"named", "unknown"})
    public String owner;

    @Param({"64", "4096"})
    public int moved;

    private Store store;
    private long seq;
    private List<ExtentMove> out;
    private List<ExtentMove> back;

    @Setup
    public void setUp() {
        out = new ArrayList<>();
        back = new ArrayList<>();
        boolean named = "named".equals(owner);
        BenchState state = new BenchState(VERSIONS, (i, key, blob) -> {
            if (i < moved) {
                BlobRef to = new BlobRef(1_000, i * 4096L, 4096, i, new int[] {i});
                out.add(named ? new ExtentMove(blob, to, "vault", key) : new ExtentMove(blob, to));
                back.add(named ? new ExtentMove(to, blob, "vault", key) : new ExtentMove(to, blob));
            }
        });
        store = state.store;
        seq = state.seq;
        // Once by hand, checked, so that a move that does nothing fails the run instead of timing nothing.
        String first = BenchState.key(0);
        apply(out);
        check(first, out.get(0).to());
        apply(back);
        check(first, out.get(0).from());
    }

    private void check(String key, BlobRef expected) {
        List<BlobRef> at = store.bucket("vault").orElseThrow().latest(key).orElseThrow().extents();
        if (!at.equals(List.of(expected))) {
            throw new IllegalStateException(key + " is at " + at + ", expected " + expected);
        }
    }

    private void apply(List<ExtentMove> moves) {
        store.apply(new Recorded(++seq, Instant.parse("2030-06-01T13:00:00Z"), RequestContext.system("reclaim"),
                List.of(new ExtentsMoved(moves))));
    }

    @Benchmark
    public long moveOutAndBack() {
        apply(out);
        apply(back);
        return store.lastSeq();
    }
}
