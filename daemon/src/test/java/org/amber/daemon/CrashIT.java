package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Durability under SIGKILL: the daemon runs as its own process under concurrent PUT load and is
 * killed at a random moment, 20 times; after every restart each PUT that was acknowledged reads
 * back byte-identical, and replay is clean (no ERROR logged, the daemon takes writes again).
 */
class CrashIT {
    static final int ROUNDS = 20;
    static final int WRITERS = 12;

    @TempDir
    Path tmp;

    /** The body of a key is a function of the key, so any reader can check it. */
    static byte[] bodyOf(String key) {
        Random r = new Random(key.hashCode() * 31L + key.length());
        byte[] b = new byte[r.nextInt(3) == 0 ? r.nextInt(2 << 20) : r.nextInt(64 << 10)];
        r.nextBytes(b);
        return b;
    }

    @Test
    void acknowledgedPutsSurviveSigkill() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        Random chance = new Random();
        long totalAcked = 0;
        java.util.Set<String> previousRound = new java.util.HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path log = tmp.resolve("amberd-" + round + ".log");
            long t0 = System.nanoTime();
            try (Amberd amberd = Amberd.start(data, log)) {
                long t1 = System.nanoTime();
                S3Client s3 = TestDaemons.noRetryClient(amberd.endpoint(), Amberd.ROOT.accessKeyId(), Amberd.ROOT.secretKey());
                verify(s3, sample(acknowledged.keySet(), previousRound, chance), round);
                assertReplayClean(log, round);
                previousRound.clear();
                long t2 = System.nanoTime();
                if (round == 0) {
                    s3.createBucket(b -> b.bucket("crash"));
                }
                int before = acknowledged.size();
                load(amberd, s3, round, acknowledged, 200 + chance.nextInt(1300));
                for (String k : acknowledged.keySet()) {
                    if (k.startsWith("r" + round + "/")) {
                        previousRound.add(k);
                    }
                }
                totalAcked += acknowledged.size() - before;
                s3.close();
                System.out.printf("round %d: start %d ms, verify %d ms, load+kill %d ms, %d acknowledged%n", round,
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000,
                        acknowledged.size() - before);
            }
        }
        try (Amberd amberd = Amberd.start(data, tmp.resolve("amberd-final.log"))) {
            S3Client s3 = TestDaemons.client(amberd.endpoint(), Amberd.ROOT.accessKeyId(), Amberd.ROOT.secretKey());
            verify(s3, acknowledged.keySet(), ROUNDS);
            assertReplayClean(tmp.resolve("amberd-final.log"), ROUNDS);
            s3.close();
            amberd.terminate();
        }
        System.out.printf("crash test: %d rounds of SIGKILL, %d acknowledged PUTs, all read back byte-identical%n",
                ROUNDS, totalAcked);
        assertTrue(totalAcked > ROUNDS * 10L, "the load must actually have written something: " + totalAcked);
    }

    /** Writers PUT until the daemon is SIGKILLed {@code killAfterMs} into the round. */
    private static void load(Amberd amberd, S3Client s3, int round, Map<String, Boolean> acknowledged, int killAfterMs)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String key = "r" + round + "/w" + writer + "/" + i;
                    try {
                        s3.putObject(b -> b.bucket("crash").key(key), RequestBody.fromBytes(bodyOf(key)));
                        acknowledged.put(key, Boolean.TRUE);
                    } catch (RuntimeException killed) {
                        return;
                    }
                }
            });
        }
        Thread.sleep(killAfterMs);
        amberd.kill();
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    }

    /** Every key the last round acknowledged, plus 100 older ones at random; the final check reads all. */
    private static java.util.Set<String> sample(java.util.Set<String> all, java.util.Set<String> lastRound, Random r) {
        java.util.Set<String> out = new java.util.HashSet<>(lastRound);
        List<String> older = new ArrayList<>(all);
        older.removeAll(lastRound);
        java.util.Collections.shuffle(older, r);
        out.addAll(older.subList(0, Math.min(100, older.size())));
        return out;
    }

    private static void verify(S3Client s3, java.util.Set<String> keys, int round) {
        List<String> sorted = new ArrayList<>(keys);
        for (String key : sorted) {
            byte[] got = s3.getObjectAsBytes(b -> b.bucket("crash").key(key)).asByteArray();
            assertArrayEquals(bodyOf(key), got, "round " + round + ": acknowledged " + key + " lost or changed");
        }
    }

    private static void assertReplayClean(Path log, int round) throws Exception {
        String text = Files.readString(log);
        assertTrue(text.contains("journal: replayed"), "round " + round + " log:\n" + text);
        assertFalse(text.contains(" ERROR "), "round " + round + ": replay logged an error:\n" + text);
    }
}
