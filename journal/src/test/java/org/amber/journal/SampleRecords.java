package org.amber.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.amber.lockd.Account;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ExtentMove;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.RequestContext;
import org.amber.lockd.Versioning;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.PartStored;
import org.amber.lockd.event.ExtentsMoved;
import org.amber.lockd.event.SegmentsDropped;
import org.amber.lockd.event.ClockTicked;
import org.amber.lockd.event.IamEvent;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.ObjectLockConfigured;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.TagsSet;
import org.amber.lockd.lock.DefaultRetention;
import org.amber.lockd.lock.LegalHold;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.amber.lockd.event.UploadCreated;
import org.amber.lockd.event.UploadEnded;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.event.VersioningChanged;

/** Journal entries for tests: the fixed set behind the format-1 fixture, and random ones. */
final class SampleRecords {
    /** A fixed instant: fixtures must be byte-identical whenever they are generated. */
    static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);

    private SampleRecords() {
    }

    /** Every event type, null and non-null optional fields, one clean-shutdown marker; seqs 1..6. */
    static List<Object> fixtureV1() {
        RequestContext alice = new RequestContext("arn:aws:iam::000000000000:user/alice", "192.0.2.10", "req-0001");
        byte[] secret = new byte[40];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 37 - 128);
        }
        Map<String, String> user = new LinkedHashMap<>();
        user.put("camera", "nikon ü");
        user.put("empty", "");
        ObjectMeta meta = new ObjectMeta("image/jpeg", user, Map.of("cache-control", "max-age=60", "content-encoding", "gzip"));
        BlobRef blob = new BlobRef(7, 3 * 4096, 2_500_000, 0x89ABCDEF, new int[] {0x01020304, -1, 0x7FFFFFFF});
        ObjectVersion photo = new ObjectVersion("albums/cät 1.jpg", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", 3, false,
                T0.plusNanos(1), 2_500_000, "\"9b2cf535f27731c974343645a3985328-3\"", blob, meta, "alice");
        ObjectVersion empty = new ObjectVersion("empty.txt", "null", 5, false, T0.plusSeconds(5), 0,
                "\"d41d8cd98f00b204e9800998ecf8427e\"", BlobRef.EMPTY, new ObjectMeta(null, Map.of(), Map.of()), "alice");
        List<Object> out = new ArrayList<>();
        out.add(new Recorded(1, T0, RequestContext.system("boot-1"), List.of(
                new AccountCreated(new Account("root", "AKIAROOT0000000000", secret, true)))));
        out.add(new Recorded(2, T0.plusSeconds(1), alice, List.of(
                new AccountCreated(new Account("alice", "AKIAALICE000000000", new byte[] {1, 2, 3}, false)),
                new BucketCreated("photos", "alice", T0.plusSeconds(1)),
                new VersioningChanged("photos", Versioning.ENABLED))));
        out.add(new Recorded(3, T0.plusNanos(1), alice, List.of(new VersionStored("photos", photo))));
        out.add(new Recorded(4, T0.plusSeconds(4), alice, List.of(new VersionStored("photos",
                ObjectVersion.deleteMarker("albums/cät 1.jpg", "4XDmJ+rmSpXd3dIbrHY3HL4kqtJlcpXroDT", 4, T0.plusSeconds(4), "alice")))));
        out.add(new CleanShutdown(4, T0.plusSeconds(4).plusMillis(500)));
        out.add(new Recorded(5, T0.plusSeconds(5), alice, List.of(
                new VersionRemoved("photos", "albums/cät 1.jpg", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"),
                new VersioningChanged("photos", Versioning.SUSPENDED),
                new VersionStored("photos", empty))));
        out.add(new Recorded(6, T0.plusSeconds(6), new RequestContext("arn:aws:iam::000000000000:root", "::1", "req-0006"),
                List.of(new VersionRemoved("photos", "empty.txt", "null"), new BucketDeleted("photos"))));
        return out;
    }

    /** A random record with one to four random events. */
    static Recorded random(Random rnd, long seq) {
        List<Event> events = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(4); n > 0; n--) {
            events.add(randomEvent(rnd, seq));
        }
        java.time.Instant time = T0.plusNanos(rnd.nextLong() & 0xFFFFFFFFFFL);
        return new Recorded(seq, time, rnd.nextBoolean() ? time : time.minusSeconds(rnd.nextInt(1_000_000)), context(rnd), events);
    }

    private static Event randomEvent(Random rnd, long seq) {
        String bucket = "b" + rnd.nextInt(50);
        switch (rnd.nextInt(17)) {
            case 16:
                return randomIamEvent(rnd, seq);
            case 12:
                return new ObjectLockConfigured(bucket, rnd.nextBoolean() ? null
                        : rnd.nextBoolean() ? new DefaultRetention(LockMode.GOVERNANCE, 1 + rnd.nextInt(36_500), 0)
                        : new DefaultRetention(LockMode.COMPLIANCE, 0, 1 + rnd.nextInt(100)));
            case 13:
                return new RetentionSet(bucket, "k" + rnd.nextInt(1000), "v" + seq, rnd.nextBoolean() ? null : retention(rnd, seq),
                        rnd.nextBoolean());
            case 14:
                return new LegalHoldSet(bucket, "k" + rnd.nextInt(1000), "v" + seq, LegalHold.values()[rnd.nextInt(2)]);
            case 15:
                return rnd.nextBoolean() ? new ClockTicked() : new VersionRemoved(bucket, "k" + rnd.nextInt(1000), "v" + seq, true);
            case 11: {
                long length = 1 + rnd.nextInt(3 * BlobRef.CHUNK);
                BlobRef from = blob(rnd, length);
                BlobRef to = new BlobRef(from.segment() + 1, 8192, length, from.crc32c(), from.chunkCrcs());
                // Without an owner is how moves were journaled before owners were recorded.
                return new ExtentsMoved(List.of(rnd.nextBoolean() ? new ExtentMove(from, to)
                        : new ExtentMove(from, to, bucket, "k" + rnd.nextInt(1000))));
            }
            case 10:
                return new SegmentsDropped(rnd.nextBoolean() ? List.of(seq) : List.of(seq, seq + 7, 1L << 40));
            case 7:
                return new UploadCreated(bucket, "k" + rnd.nextInt(1000), "u" + seq, seq, T0.plusMillis(seq), "o",
                        rnd.nextBoolean() ? ObjectMeta.NONE : new ObjectMeta("text/plain", Map.of("a", "b"), Map.of()),
                        rnd.nextBoolean() ? null : "CRC32", rnd.nextBoolean() ? null : "COMPOSITE",
                        rnd.nextBoolean() ? null : new org.amber.lockd.lock.LockRequest(rnd.nextBoolean() ? null : retention(rnd, seq),
                                rnd.nextBoolean() ? null : LegalHold.ON));
            case 8:
                return new PartStored(bucket, "u" + rnd.nextInt(1000), part(rnd, 1 + rnd.nextInt(10_000), seq));
            case 9:
                return new UploadEnded(bucket, "u" + rnd.nextInt(1000));
            case 0:
                return new AccountCreated(new Account("u" + seq, "AKIA" + seq, bytes(rnd, rnd.nextInt(64)), rnd.nextBoolean()));
            case 1:
                return new BucketCreated(bucket, "u" + rnd.nextInt(9), T0.plusMillis(seq));
            case 2:
                return new BucketDeleted(bucket);
            case 3:
                return new VersioningChanged(bucket, Versioning.values()[rnd.nextInt(3)]);
            case 4:
                return new VersionStored(bucket, version(rnd, seq));
            case 5:
                return new TagsSet(bucket, "k" + rnd.nextInt(1000), "v" + seq, rnd.nextBoolean() ? Map.of()
                        : Map.of("project", "p" + rnd.nextInt(9), "retain", "7y"));
            default:
                return new VersionRemoved(bucket, "k" + rnd.nextInt(1000), "v" + rnd.nextLong());
        }
    }

    private static Event randomIamEvent(Random rnd, long seq) {
        String name = "n" + rnd.nextInt(20);
        java.time.Instant at = T0.plusMillis(seq);
        switch (rnd.nextInt(10)) {
            case 0:
                return new IamEvent.UserCreated(new org.amber.lockd.iam.IamUser(name, "AIDA" + seq, at));
            case 1:
                return new IamEvent.UserDeleted(name);
            case 2:
                return new IamEvent.AccessKeyStatusSet("AKIA" + seq, rnd.nextBoolean());
            case 3:
                return new IamEvent.AccessKeyDeleted("AKIA" + seq);
            case 4:
                return new IamEvent.GroupCreated(new org.amber.lockd.iam.IamGroup(name, "AGPA" + seq, at));
            case 5:
                return new IamEvent.GroupDeleted(name);
            case 6:
                return new IamEvent.GroupMembershipSet("g" + rnd.nextInt(5), name, rnd.nextBoolean());
            case 7:
                return new IamEvent.RoleCreated(new org.amber.lockd.iam.IamRole(name, "AROA" + seq,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}", 3600 + rnd.nextInt(39_601), at));
            case 8:
                return new IamEvent.RoleDeleted(name);
            default: {
                org.amber.lockd.iam.PolicyScope scope = org.amber.lockd.iam.PolicyScope.values()[rnd.nextInt(5)];
                return new IamEvent.PolicySet(scope, scope == org.amber.lockd.iam.PolicyScope.GUARDRAIL ? null : name,
                        rnd.nextBoolean() ? "p" + seq : null, rnd.nextBoolean() ? null : "{\"Version\":\"2012-10-17\"} ü " + seq);
            }
        }
    }

    private static BlobRef blob(Random rnd, long length) {
        int[] crcs = new int[BlobRef.chunkCount(length)];
        for (int i = 0; i < crcs.length; i++) {
            crcs[i] = rnd.nextInt();
        }
        return length == 0 ? BlobRef.EMPTY : new BlobRef(rnd.nextInt(100), 4096L * rnd.nextInt(1 << 20), length, rnd.nextInt(), crcs);
    }

    private static Part part(Random rnd, int number, long seq) {
        long length = rnd.nextInt(5 * BlobRef.CHUNK);
        return new Part(number, length, Long.toHexString(rnd.nextLong()), blob(rnd, length),
                rnd.nextBoolean() ? Map.of() : Map.of("x-amz-checksum-crc32", "AAAAAA=="), T0.plusMillis(seq));
    }

    private static Retention retention(Random rnd, long seq) {
        return new Retention(LockMode.values()[rnd.nextInt(2)], T0.plusMillis(seq * 1000 + rnd.nextInt(1_000_000)));
    }

    private static ObjectVersion version(Random rnd, long seq) {
        if (rnd.nextInt(4) == 0) {
            return ObjectVersion.deleteMarker("k" + rnd.nextInt(1000), "v" + seq, seq, T0.plusMillis(seq), "o");
        }
        if (rnd.nextInt(4) == 0) {
            List<Part> parts = new ArrayList<>();
            long size = 0;
            for (int n = 1; n <= 1 + rnd.nextInt(4); n++) {
                parts.add(part(rnd, n, seq));
                size += parts.get(parts.size() - 1).size();
            }
            return new ObjectVersion("k/" + rnd.nextInt(1000), "v" + seq, seq, false, T0.plusMillis(seq), size,
                    Long.toHexString(rnd.nextLong()) + "-" + parts.size(), null, ObjectMeta.NONE, "o", parts);
        }
        long length = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(5 * BlobRef.CHUNK);
        BlobRef blob = blob(rnd, length);
        ObjectMeta meta = new ObjectMeta(rnd.nextBoolean() ? null : "text/plain",
                Map.of("m" + rnd.nextInt(9), "v" + rnd.nextInt()), rnd.nextBoolean() ? Map.of() : Map.of("cache-control", "no-cache"),
                rnd.nextBoolean() ? Map.of() : Map.of("tier", "cold"));
        ObjectLock lock = rnd.nextInt(3) > 0 ? ObjectLock.NONE : new ObjectLock(rnd.nextBoolean() ? null : retention(rnd, seq),
                rnd.nextBoolean() ? null : LegalHold.values()[rnd.nextInt(2)]);
        return new ObjectVersion("k/" + rnd.nextInt(1000) + "/ä", "v" + seq, seq, false, T0.plusMillis(seq), length,
                "\"" + Long.toHexString(rnd.nextLong()) + "\"", blob, meta, "o" + rnd.nextInt(3), List.of(), lock);
    }

    private static RequestContext context(Random rnd) {
        return new RequestContext("arn:aws:iam::000000000000:user/u" + rnd.nextInt(9), "10.0.0." + rnd.nextInt(255),
                Long.toHexString(rnd.nextLong()));
    }

    private static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
