package org.amber.bench.micro;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.amber.journal.CorruptRecordException;
import org.amber.journal.EventCodec;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.RequestContext;
import org.amber.lockd.VersionIds;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The journal record codec: {@link EventCodec#encode} (the tagged-struct encoder, then the CRC32C frame)
 * and {@link EventCodec#decode} (frame check, then the decoder). Every write is encoded once on the
 * persist thread, inside the group commit, so encoding adds directly to commit latency; decoding is what
 * start-up replay spends per record. (EventEncoder and EventDecoder are package-private; EventCodec is their
 * public entry point and the one the journal calls.)
 *
 * <p>Two records: a PutObject's {@link VersionStored} (a 16 MiB object, so 16 chunk checksums, with user
 * metadata, a verified checksum and a default GOVERNANCE retention) and a PutObjectRetention's
 * {@link RetentionSet}. Each is round-tripped once in {@link #setUp} and must come back equal.
 */
public class CodecBench extends MicroBench {
    private Recorded versionStored;
    private Recorded retentionSet;
    private byte[] versionStoredFrame;
    private byte[] retentionSetFrame;

    @Setup
    public void setUp() throws CorruptRecordException {
        versionStored = versionStored(1_000_001L);
        retentionSet = retentionSet(1_000_002L, VersionIds.of(1_000_001L));
        versionStoredFrame = roundTrip(versionStored);
        retentionSetFrame = roundTrip(retentionSet);
    }

    /** The record of a PutObject to a versioned bucket whose default retention is 30 days GOVERNANCE. */
    static Recorded versionStored(long seq) {
        Instant time = Instant.parse("2030-06-01T12:00:00.123Z");
        long length = 16L << 20;
        int[] chunkCrcs = new int[BlobRef.chunkCount(length)];
        for (int i = 0; i < chunkCrcs.length; i++) {
            chunkCrcs[i] = 0x9E3779B9 * (i + 1);
        }
        BlobRef blob = new BlobRef(42, 1_234L << 20, length, 0x1EDC6F41, chunkCrcs);
        ObjectMeta meta = new ObjectMeta("application/zstd", Map.of("host", "db-17", "snapshot", "2030-06-01T11:55:00Z"),
                Map.of("x-amz-checksum-crc32c", "yZRlqg==", "x-amz-checksum-type", "FULL_OBJECT"));
        ObjectLock lock = new ObjectLock(new Retention(LockMode.GOVERNANCE, time.plusSeconds(30 * 86_400L)), null);
        String principal = "arn:aws:iam::000000000000:user/backup";
        ObjectVersion v = new ObjectVersion("backups/db-17/2030/06/01/db-0001.tar.zst", VersionIds.of(seq), seq, false, time,
                length, "\"5d41402abc4b2a76b9719d911017c592\"", blob, meta, principal, List.of(), lock);
        return new Recorded(seq, time, new RequestContext(principal, "10.20.30.40", "1F2E3D4C5B6A7980"),
                List.of(new VersionStored("vault", v)));
    }

    /** The record of a PutObjectRetention extending a version's GOVERNANCE retention to a year. */
    static Recorded retentionSet(long seq, String versionId) {
        Instant time = Instant.parse("2030-06-01T12:00:01.456Z");
        return new Recorded(seq, time, new RequestContext("arn:aws:iam::000000000000:user/backup", "10.20.30.40", "1F2E3D4C5B6A7981"),
                List.of(new RetentionSet("vault", "backups/db-17/2030/06/01/db-0001.tar.zst", versionId,
                        new Retention(LockMode.GOVERNANCE, Instant.parse("2031-06-01T00:00:00Z")), false)));
    }

    private static byte[] roundTrip(Recorded r) throws CorruptRecordException {
        byte[] frame = EventCodec.encode(r);
        Recorded back = EventCodec.decode(frame);
        if (!back.equals(r)) {
            throw new IllegalStateException("round trip changed the record:\n" + r + "\n" + back);
        }
        return frame;
    }

    @Benchmark
    public byte[] encodeVersionStored() {
        return EventCodec.encode(versionStored);
    }

    @Benchmark
    public Recorded decodeVersionStored() throws CorruptRecordException {
        return EventCodec.decode(versionStoredFrame);
    }

    @Benchmark
    public byte[] encodeRetentionSet() {
        return EventCodec.encode(retentionSet);
    }

    @Benchmark
    public Recorded decodeRetentionSet() throws CorruptRecordException {
        return EventCodec.decode(retentionSetFrame);
    }
}
