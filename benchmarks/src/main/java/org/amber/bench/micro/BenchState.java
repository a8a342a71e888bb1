package org.amber.bench.micro;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Store;
import org.amber.lockd.VersionIds;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.lock.ObjectLock;

/** A state of one bucket holding one 4 KiB version of each of {@code versions} keys, built record by record as replay builds it. */
final class BenchState {
    static final Instant T = Instant.parse("2030-06-01T12:00:00Z");
    final Store store = new Store();
    long seq;

    /** Told of each version as it is stored. */
    @FunctionalInterface
    interface Stored {
        void version(int i, String key, BlobRef blob);
    }

    BenchState(int versions, Stored each) {
        RequestContext ctx = RequestContext.system("bench");
        store.apply(new Recorded(++seq, T, ctx, List.of(new BucketCreated("vault", "root", T))));
        for (int i = 0; i < versions; i++) {
            String key = key(i);
            BlobRef blob = new BlobRef(i / 65_536, (i % 65_536) * 4096L, 4096, i, new int[] {i});
            ObjectVersion v = new ObjectVersion(key, VersionIds.of(seq + 1), seq + 1, false, T, 4096, "\"e\"", blob,
                    ObjectMeta.NONE, "root", List.of(), ObjectLock.NONE);
            store.apply(new Recorded(++seq, T, ctx, List.of(new VersionStored("vault", v))));
            each.version(i, key, blob);
        }
    }

    static String key(int i) {
        return String.format("backups/host-%03d/%07d.tar", i % 100, i);
    }
}
