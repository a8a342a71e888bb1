package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Durability under SIGKILL: the daemon runs as its own process while writers overwrite (by PUT or, every
 * tenth generation, by a two-part multipart upload), delete and re-tag their own keys, and is killed at a random moment, 20 times. After every restart each key
 * holds exactly its last acknowledged state — bytes, absence and tags — or, for the one operation per
 * writer that the kill cut off, that operation's state, whole; never anything else. Replay is clean
 * (no ERROR logged) and the daemon takes writes again.
 */
class CrashIT {
    static final int ROUNDS = 20;
    static final int WRITERS = 12;
    static final int KEYS_PER_WRITER = 40;
    static final AtomicLong MULTIPART_ACKED = new AtomicLong();

    @TempDir
    Path tmp;

    /** What a key holds: absent, or the body of one generation with some tags. */
    record State(int generation, Map<String, String> tags) {
        static final State ABSENT = new State(-1, Map.of());

        boolean present() {
            return generation >= 0;
        }
    }

    /** One key: its last acknowledged state and, if the kill cut one off, the state of that operation. */
    static final class KeyModel {
        volatile State acked = State.ABSENT;
        volatile State pending;
        int lastGeneration = -1;
    }

    /** Every tenth generation of a key is written by a two-part multipart upload. */
    static boolean multipart(int generation) {
        return generation % 10 == 7;
    }

    /** The body of a generation of a key is a function of both, so any reader can check it. */
    static byte[] bodyOf(String key, int generation) {
        String seed = key + "#" + generation;
        Random r = new Random(seed.hashCode() * 31L + seed.length());
        int size = multipart(generation) ? (5 << 20) + r.nextInt(64 << 10)
                : r.nextInt(4) == 0 ? r.nextInt(1 << 20) : r.nextInt(64 << 10);
        byte[] b = new byte[size];
        r.nextBytes(b);
        return b;
    }

    @Test
    void acknowledgedWritesDeletesAndTagsSurviveSigkill() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, KeyModel> model = new ConcurrentHashMap<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int k = 0; k < KEYS_PER_WRITER; k++) {
                model.put("w" + w + "/k" + k, new KeyModel());
            }
        }
        Random chance = new Random();
        AtomicLong acknowledged = new AtomicLong();
        long droppedSegments = 0;
        long compacted = 0;
        long fromSnapshot = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            Path log = tmp.resolve("amberd-" + round + ".log");
            // Small segments and frequent reclamation rounds: segments are dropped while writers work and kills land.
            // Frequent state snapshots: most starts load one and replay only the journal after it, and kills land
            // while one is being written.
            try (Amberd amberd = Amberd.start(data, log, true, "--segment-size", Long.toString(8L << 20),
                    "--reclaim-interval-seconds", "0.2", "--snapshot-min-records", "50", "--snapshot-check-seconds", "0.3");
                 S3Client s3 = TestDaemons.noRetryClient(amberd.endpoint(), Amberd.ROOT.accessKeyId(), Amberd.ROOT.secretKey())) {
                assertReplayClean(log, round);
                if (round == 0) {
                    s3.createBucket(b -> b.bucket("crash"));
                }
                verify(s3, model, round);
                if (round == ROUNDS) {
                    amberd.terminate();
                    break;
                }
                load(amberd, s3, model, acknowledged, 200 + chance.nextInt(1300));
            }
            droppedSegments += Files.readString(log).lines().filter(l -> l.contains("dropped segment")).count();
            compacted += Files.readString(log).lines().filter(l -> l.contains("compacting segment")).count();
            fromSnapshot += Files.readString(log).lines().filter(l -> l.contains("snapshot: loaded")).count();
        }
        System.out.printf("crash test: %d rounds of SIGKILL, %d acknowledged writes, deletes and tag changes (%d of them"
                + " multipart uploads), %d segments reclaimed on the way (%d of them compacted first), %d starts from a state"
                + " snapshot; every key held its acknowledged state after every restart%n", ROUNDS, acknowledged.get(),
                MULTIPART_ACKED.get(), droppedSegments, compacted, fromSnapshot);
        assertTrue(fromSnapshot > 0, "some restarts must have started from a snapshot taken under load");
        assertTrue(acknowledged.get() > ROUNDS * 10L, "the load must actually have written something: " + acknowledged);
    }

    /** Each writer works on its own keys until the daemon is SIGKILLed {@code killAfterMs} into the round. */
    private static void load(Amberd amberd, S3Client s3, Map<String, KeyModel> model, AtomicLong acknowledged,
                             int killAfterMs) throws Exception {
        amberd.killUnderLoad(WRITERS, killAfterMs, (writer, stop) -> {
            Random r = new Random();
            while (!stop.get()) {
                String key = "w" + writer + "/k" + r.nextInt(KEYS_PER_WRITER);
                if (!step(s3, key, model.get(key), r)) {
                    return;
                }
                acknowledged.incrementAndGet();
            }
        });
    }

    /** One operation: overwrite (with tags), delete or re-tag. False once the daemon is gone. */
    private static boolean step(S3Client s3, String key, KeyModel m, Random r) {
        State now = m.acked;
        double op = r.nextDouble();
        Map<String, String> tags = r.nextBoolean() ? Map.of() : Map.of("t", Integer.toString(r.nextInt(1000)));
        State next = !now.present() || op < 0.6 ? new State(++m.lastGeneration, tags)
                : op < 0.8 ? State.ABSENT : new State(now.generation(), tags);
        m.pending = next;
        try {
            if (!next.present()) {
                s3.deleteObject(b -> b.bucket("crash").key(key));
            } else if (next.generation() != now.generation()) {
                String tagging = next.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("&"));
                byte[] body = bodyOf(key, next.generation());
                if (multipart(next.generation())) {
                    putInParts(s3, key, tagging, body);
                    MULTIPART_ACKED.incrementAndGet();
                } else {
                    s3.putObject(b -> b.bucket("crash").key(key).tagging(tagging), RequestBody.fromBytes(body));
                }
            } else {
                List<Tag> set = next.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .collect(Collectors.toList());
                s3.putObjectTagging(b -> b.bucket("crash").key(key).tagging(t -> t.tagSet(set)));
            }
        } catch (RuntimeException killed) {
            return false;
        }
        m.acked = next;
        m.pending = null;
        return true;
    }

    /** CreateMultipartUpload, a 5 MiB part and the rest, CompleteMultipartUpload: acknowledged only by the last. */
    private static void putInParts(S3Client s3, String key, String tagging, byte[] body) {
        String id = s3.createMultipartUpload(b -> b.bucket("crash").key(key).tagging(tagging)).uploadId();
        int cut = 5 << 20;
        String e1 = s3.uploadPart(b -> b.bucket("crash").key(key).uploadId(id).partNumber(1),
                RequestBody.fromBytes(Arrays.copyOf(body, cut))).eTag();
        String e2 = s3.uploadPart(b -> b.bucket("crash").key(key).uploadId(id).partNumber(2),
                RequestBody.fromBytes(Arrays.copyOfRange(body, cut, body.length))).eTag();
        s3.completeMultipartUpload(b -> b.bucket("crash").key(key).uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
    }

    /** Every key is in its acknowledged state or its cut-off operation's state; that becomes the new acknowledged state. */
    private static void verify(S3Client s3, Map<String, KeyModel> model, int round) {
        for (Map.Entry<String, KeyModel> e : model.entrySet()) {
            String key = e.getKey();
            KeyModel m = e.getValue();
            State actual = read(s3, key, m);
            List<State> allowed = m.pending == null ? List.of(m.acked) : List.of(m.acked, m.pending);
            if (!allowed.contains(actual)) {
                fail("round " + round + ": " + key + " holds " + actual + ", allowed only " + allowed);
            }
            m.acked = actual;
            m.pending = null;
        }
    }

    /** What the key holds now; the body is matched against the generations it may hold. */
    private static State read(S3Client s3, String key, KeyModel m) {
        byte[] body;
        try {
            body = s3.getObjectAsBytes(b -> b.bucket("crash").key(key)).asByteArray();
        } catch (NoSuchKeyException absent) {
            return State.ABSENT;
        }
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket("crash").key(key)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        List<Integer> candidates = new ArrayList<>(List.of(m.acked.generation()));
        if (m.pending != null) {
            candidates.add(m.pending.generation());
        }
        for (int g : candidates) {
            if (g >= 0 && Arrays.equals(bodyOf(key, g), body)) {
                return new State(g, tags);
            }
        }
        return new State(-2, tags);
    }

    private static void assertReplayClean(Path log, int round) throws Exception {
        String text = Files.readString(log);
        assertTrue(text.contains("journal: replayed"), "round " + round + " log:\n" + text);
        assertFalse(text.contains(" ERROR "), "round " + round + ": replay logged an error:\n" + text);
    }
}
