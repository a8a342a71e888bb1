package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amber.journal.SegmentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The compliance clock with an administrator moving the box's clock (issue 4: jump +10 years, jump back,
 * restart), and the race between legal holds and versioned deletes.
 */
class LockClockAndRaceTest {
    @TempDir
    Path dir;

    Daemon start(ComplianceClockTest.SettableClock system) throws Exception {
        return Daemon.start(TestDaemons.config(dir), system, SegmentStore.DEFAULT_OPENER);
    }

    static void assertLocked(Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(403, e.statusCode());
        assertEquals("Access Denied because object protected by object lock.", e.awsErrorDetails().errorMessage());
    }

    @Test
    void settingTheSystemClockAheadOrBackReleasesNothingAndARestartResumesTheClock() throws Exception {
        ComplianceClockTest.SettableClock system = new ComplianceClockTest.SettableClock(Instant.now());
        Instant until = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        RootCredentials root;
        String comp;
        String gov;
        Instant lastCompliance;
        try (Daemon d = start(system)) {
            root = d.newRootCredentials().orElseThrow();
            try (S3Client s3 = TestDaemons.client(d, root)) {
                s3.createBucket(b -> b.bucket("clock").objectLockEnabledForBucket(true));
                comp = put(s3, "comp", ObjectLockMode.COMPLIANCE, until);
                gov = put(s3, "gov", ObjectLockMode.GOVERNANCE, until);

                system.jump(Duration.ofDays(3650));
                assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("comp").versionId(comp)));
                assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("comp").versionId(comp).bypassGovernanceRetention(true)));
                assertLocked(() -> s3.putObjectRetention(b -> b.bucket("clock").key("comp").versionId(comp)
                        .retention(r -> r.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until.minusSeconds(3600)))));
                assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("gov").versionId(gov)));
                double skew = TestDaemons.metric(d, "amber_compliance_clock_skew_seconds");
                assertTrue(skew > 3649.0 * 86_400, "the jump shows as skew: " + skew);

                system.jump(Duration.ofDays(-3650 - 365));
                lastCompliance = d.complianceClock().instant();
                put(s3, "after-jump-back", ObjectLockMode.GOVERNANCE, until);
                assertFalse(d.complianceClock().instant().isBefore(lastCompliance), "the clock did not go back a year");
                assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("comp").versionId(comp)));
                assertEquals(until, s3.getObjectRetention(b -> b.bucket("clock").key("comp")).retention().retainUntilDate(),
                        "nothing was extended either");
                lastCompliance = d.complianceClock().instant();
            }
        }
        system.jump(Duration.ofDays(3650 + 365 + 3650)); // ten years ahead of real time while the daemon is down
        try (Daemon d = start(system); S3Client s3 = TestDaemons.client(d, root)) {
            Instant resumed = d.complianceClock().instant();
            assertFalse(resumed.isBefore(lastCompliance), "it resumes from the journal, never below its last value");
            assertTrue(resumed.isBefore(lastCompliance.plus(Duration.ofMinutes(5))), "and the years the daemon was down do not count: " + resumed);
            assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("comp").versionId(comp)));
            assertLocked(() -> s3.deleteObject(b -> b.bucket("clock").key("gov").versionId(gov)));
            // Last-Modified is the wall clock; retention is judged by the compliance clock, which is not
            // ten years ahead: a date a day from real time is still in its future.
            String fresh = put(s3, "fresh", ObjectLockMode.GOVERNANCE, until.plus(Duration.ofDays(1)));
            Instant shown = s3.headObject(b -> b.bucket("clock").key("fresh").versionId(fresh)).lastModified();
            assertTrue(shown.isAfter(Instant.now().plus(Duration.ofDays(3000))), "Last-Modified follows the box's clock: " + shown);
        }
        system.jump(Duration.ofDays(-3650 * 3)); // years behind: a restart does not pull the clock back
        try (Daemon d = start(system)) {
            assertFalse(d.complianceClock().instant().isBefore(lastCompliance));
        }
    }

    /**
     * Thousands of legal-hold ONs race versioned deletes of the same versions. Each is decided on the one
     * decide stage, so for every version exactly one of them wins: a version whose hold was acknowledged
     * before its delete was decided is never deleted, and a version that was deleted had no hold then.
     */
    @Test
    void legalHoldsAndVersionedDeletesNeverBothWinOnOneVersion() throws Exception {
        int versions = 1500;
        ComplianceClockTest.SettableClock system = new ComplianceClockTest.SettableClock(Instant.now());
        try (Daemon d = start(system); S3Client s3 = TestDaemons.client(d, d.newRootCredentials().orElseThrow())) {
            s3.createBucket(b -> b.bucket("race").objectLockEnabledForBucket(true));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < versions; i++) {
                ids.add(s3.putObject(b -> b.bucket("race").key("k" + (ids.size() % 10)), RequestBody.fromString("v")).versionId());
            }
            ConcurrentHashMap<String, Boolean> held = new ConcurrentHashMap<>();
            ConcurrentHashMap<String, Boolean> deleted = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < versions; i++) {
                String key = "k" + (i % 10);
                String id = ids.get(i);
                Runnable hold = () -> {
                    s3.putObjectLegalHold(b -> b.bucket("race").key(key).versionId(id).legalHold(l -> l.status(ObjectLockLegalHoldStatus.ON)));
                    held.put(id, true);
                };
                Runnable delete = () -> {
                    try {
                        s3.deleteObject(b -> b.bucket("race").key(key).versionId(id));
                        deleted.put(id, true);
                    } catch (S3Exception e) {
                        assertEquals(403, e.statusCode(), e.getMessage());
                    }
                };
                // Half the pairs are sent hold first, half delete first.
                futures.add(pool.submit(i % 2 == 0 ? hold : delete));
                futures.add(pool.submit(i % 2 == 0 ? delete : hold));
            }
            for (Future<?> f : futures) {
                try {
                    f.get(120, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    // A hold on a version the delete already removed answers 404 NoSuchVersion: the delete won.
                    assertTrue(e.getCause() instanceof S3Exception s && s.statusCode() == 404, e.toString());
                }
            }
            pool.shutdown();
            List<String> remaining = new ArrayList<>();
            for (ObjectVersion v : s3.listObjectVersionsPaginator(b -> b.bucket("race")).versions()) {
                remaining.add(v.versionId());
            }
            int holdsWon = 0;
            for (String id : ids) {
                boolean gone = !remaining.contains(id);
                assertEquals(deleted.containsKey(id), gone, id + ": deleted exactly when the delete was acknowledged");
                if (held.containsKey(id)) {
                    assertFalse(gone, id + ": an acknowledged hold and a deleted version");
                    holdsWon++;
                }
            }
            assertEquals(versions, holdsWon + deleted.size(), "every version went one way or the other");
            System.out.printf("legal hold vs versioned delete: %d versions, the hold won %d times, the delete %d%n", versions,
                    holdsWon, deleted.size());
        }
    }

    static String put(S3Client s3, String key, ObjectLockMode mode, Instant until) {
        return s3.putObject(b -> b.bucket("clock").key(key).objectLockMode(mode).objectLockRetainUntilDate(until)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString(key)).versionId();
    }
}
