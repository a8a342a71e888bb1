package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Locked versions survive SIGKILL: writers create versions with COMPLIANCE or GOVERNANCE retention or a
 * legal hold, extend retentions and toggle holds, while the daemon is killed at a random moment. After
 * every restart each version holds its last acknowledged lock state (or, for the one operation the kill
 * cut off, that operation's), and no locked version can be deleted.
 */
class LockCrashIT {
    static final int ROUNDS = 6;
    static final int WRITERS = 8;

    @TempDir
    Path tmp;

    /** A version's lock as HEAD shows it. */
    record Lock(String mode, Instant until, String hold) {
    }

    static final class VersionModel {
        final String key;
        volatile Lock acked;
        volatile Lock pending;

        VersionModel(String key, Lock acked) {
            this.key = key;
            this.acked = acked;
        }
    }

    @Test
    void lockStateSurvivesSigkill() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, VersionModel> versions = new ConcurrentHashMap<>();
        AtomicLong acknowledged = new AtomicLong();
        Random chance = new Random();
        for (int round = 0; round <= ROUNDS; round++) {
            try (Amberd amberd = Amberd.start(data, tmp.resolve("amberd-" + round + ".log"));
                 S3Client s3 = TestDaemons.noRetryClient(amberd.endpoint(), Amberd.ROOT.accessKeyId(), Amberd.ROOT.secretKey())) {
                if (round == 0) {
                    s3.createBucket(b -> b.bucket("locks").objectLockEnabledForBucket(true));
                }
                verify(s3, versions, round);
                if (round == ROUNDS) {
                    amberd.terminate();
                    break;
                }
                amberd.killUnderLoad(WRITERS, 300 + chance.nextInt(900), (writer, stop) -> {
                    Random r = new Random();
                    while (!stop.get() && step(s3, "w" + writer, versions, r)) {
                        acknowledged.incrementAndGet();
                    }
                });
            }
        }
        System.out.printf("lock crash test: %d rounds of SIGKILL, %d acknowledged lock operations on %d versions;"
                + " every version kept its acknowledged lock state%n", ROUNDS, acknowledged.get(), versions.size());
        assertTrue(versions.size() > ROUNDS * 5, "the load must have created locked versions: " + versions.size());
    }

    /** Create a locked version, extend a retention, or toggle a legal hold. False once the daemon is gone. */
    private static boolean step(S3Client s3, String writer, Map<String, VersionModel> versions, Random r) {
        List<VersionModel> mine = versions.values().stream().filter(m -> m.key.startsWith(writer + "/")).toList();
        try {
            if (mine.isEmpty() || r.nextInt(3) == 0) {
                String key = writer + "/k" + r.nextInt(20);
                boolean hold = r.nextBoolean();
                ObjectLockMode mode = r.nextBoolean() ? ObjectLockMode.COMPLIANCE : ObjectLockMode.GOVERNANCE;
                Instant until = Instant.now().plus(1 + r.nextInt(5), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
                String id = s3.putObject(b -> b.bucket("locks").key(key).objectLockMode(mode).objectLockRetainUntilDate(until)
                        .objectLockLegalHoldStatus(hold ? ObjectLockLegalHoldStatus.ON : null).checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromString(key)).versionId();
                versions.put(id, new VersionModel(key, new Lock(mode.toString(), until, hold ? "ON" : null)));
                return true;
            }
            String id = versions.entrySet().stream().filter(e -> mine.contains(e.getValue())).skip(r.nextInt(mine.size()))
                    .findFirst().orElseThrow().getKey();
            VersionModel m = versions.get(id);
            Lock now = m.acked;
            Lock next;
            if (r.nextBoolean()) {
                next = new Lock(now.mode(), now.until().plus(1, ChronoUnit.HOURS), now.hold());
                m.pending = next;
                s3.putObjectRetention(b -> b.bucket("locks").key(m.key).versionId(id)
                        .retention(x -> x.mode(ObjectLockRetentionMode.fromValue(now.mode())).retainUntilDate(next.until())));
            } else {
                next = new Lock(now.mode(), now.until(), "ON".equals(now.hold()) ? "OFF" : "ON");
                m.pending = next;
                s3.putObjectLegalHold(b -> b.bucket("locks").key(m.key).versionId(id)
                        .legalHold(x -> x.status(ObjectLockLegalHoldStatus.fromValue(next.hold()))));
            }
            m.acked = next;
            m.pending = null;
            return true;
        } catch (RuntimeException killed) {
            return false;
        }
    }

    private static void verify(S3Client s3, Map<String, VersionModel> versions, int round) {
        for (Map.Entry<String, VersionModel> e : versions.entrySet()) {
            VersionModel m = e.getValue();
            HeadObjectResponse h = s3.headObject(b -> b.bucket("locks").key(m.key).versionId(e.getKey()));
            Lock actual = new Lock(String.valueOf(h.objectLockMode()), h.objectLockRetainUntilDate(),
                    h.objectLockLegalHoldStatus() == null ? null : h.objectLockLegalHoldStatus().toString());
            if (!actual.equals(m.acked) && !actual.equals(m.pending)) {
                fail("round " + round + ": " + m.key + "@" + e.getKey() + " holds " + actual + ", acknowledged " + m.acked
                        + (m.pending == null ? "" : " or cut off " + m.pending));
            }
            m.acked = actual;
            m.pending = null;
            if ("COMPLIANCE".equals(actual.mode()) || "ON".equals(actual.hold())) {
                S3Exception refused = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                        () -> s3.deleteObject(b -> b.bucket("locks").key(m.key).versionId(e.getKey()).bypassGovernanceRetention(true)));
                assertEquals(403, refused.statusCode());
            }
        }
    }
}
