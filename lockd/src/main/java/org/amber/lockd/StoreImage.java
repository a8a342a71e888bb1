package org.amber.lockd;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;

/**
 * A {@link Store} as of one record, copied by its writer: what a snapshot holds, and all a Store needs
 * to be rebuilt without the records before it. Versions, by far the bulk, are kept as they are
 * (immutable, in key order). Everything else is kept as what recreates it through the same apply code
 * replay runs: identities and access keys as the records that made them, a bucket's settings and its
 * uploads in progress as events, dropped segments as a list. Immutable.
 *
 * @param identity        every record's identity events (access keys, users, groups, roles, their
 *                        policies, the guardrail) in journal order, each with its record's time
 * @param buckets         in name order
 * @param droppedSegments ascending
 */
public record StoreImage(long lastSeq, Instant lastTime, Instant lastLockTime, List<Recorded> identity,
                         List<BucketImage> buckets, List<Long> droppedSegments) {
    public StoreImage {
        identity = List.copyOf(identity);
        buckets = List.copyOf(buckets);
        droppedSegments = List.copyOf(droppedSegments);
    }

    /** Object versions and delete markers in all buckets. */
    public long versions() {
        long n = 0;
        for (BucketImage b : buckets) {
            for (KeyVersions kv : b.keys()) {
                n += kv.newestFirst().size();
            }
        }
        return n;
    }

    /**
     * One bucket.
     *
     * @param setup a {@link BucketCreated} first, then what set its versioning, Object Lock and policy,
     *              then the UploadCreated and PartStored events of its uploads in progress
     * @param keys  each key's versions, in S3 listing order (UTF-8 byte order) of the keys
     */
    public record BucketImage(List<Event> setup, List<KeyVersions> keys) {
        public BucketImage {
            setup = List.copyOf(setup);
            keys = List.copyOf(keys);
            if (setup.isEmpty() || !(setup.get(0) instanceof BucketCreated)) {
                throw new IllegalArgumentException("a bucket image starts with BucketCreated, not " + setup);
            }
        }

        public String name() {
            return ((BucketCreated) setup.get(0)).bucket();
        }
    }
}
