package org.amber.bench.micro;

import java.time.Instant;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.amber.lockd.lock.LegalHold;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.LockRules;
import org.amber.lockd.lock.LockRules.Verdict;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Object Lock rules ({@link LockRules}), pure: the predicate every path that can destroy a version
 * calls ({@code mayDestroy}: DeleteObject with a version id, the overwrite of a "null" version, lifecycle
 * and compaction), and the retention transition table PutObjectRetention consults
 * ({@code retentionChange}). Both run on the single state-machine thread for every such command, so
 * their cost is paid serially by the whole write path.
 *
 * <p>Each benchmark walks a fixed mix of realistic cases (GOVERNANCE and COMPLIANCE, active and
 * expired, with and without the bypass, legal hold, no lock) so no single branch is all the JIT sees;
 * {@link OperationsPerInvocation} makes the reported time that of one call.
 */
public class LockRulesBench extends MicroBench {
    /** The compliance clock's reading; retention dates are relative to it. */
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant IN_30_DAYS = NOW.plusSeconds(30 * 86_400L);
    private static final Instant IN_7_YEARS = NOW.plusSeconds(7 * 365 * 86_400L);
    private static final Instant YESTERDAY = NOW.minusSeconds(86_400);

    private static final int DESTROY_CASES = 8;
    private static final int CHANGE_CASES = 10;

    /** NOW held in a field, so the JIT cannot fold it into the benchmark. */
    private final Instant now = NOW;

    /** Versions and bypass flags of the mayDestroy mix, pairwise. */
    private final ObjectVersion[] destroyVersions = new ObjectVersion[DESTROY_CASES];
    private final boolean[] destroyBypass = new boolean[DESTROY_CASES];

    /** Existing and requested retentions and bypass flags of the retentionChange mix, by index. */
    private final Retention[] existing = new Retention[CHANGE_CASES];
    private final Retention[] requested = new Retention[CHANGE_CASES];
    private final boolean[] changeBypass = new boolean[CHANGE_CASES];

    /** Builds the two mixes and checks each case gives the verdict it is there for. */
    public LockRulesBench() {
        Retention governance = new Retention(LockMode.GOVERNANCE, IN_30_DAYS);
        Retention compliance = new Retention(LockMode.COMPLIANCE, IN_7_YEARS);
        Retention governanceExpired = new Retention(LockMode.GOVERNANCE, YESTERDAY);
        Retention complianceExpired = new Retention(LockMode.COMPLIANCE, YESTERDAY);

        int i = 0;
        i = destroyCase(i, new ObjectLock(governance, null), false, Verdict.DENY);
        i = destroyCase(i, new ObjectLock(governance, null), true, Verdict.ALLOW_BYPASSING_GOVERNANCE);
        i = destroyCase(i, new ObjectLock(governanceExpired, null), false, Verdict.ALLOW);
        i = destroyCase(i, new ObjectLock(compliance, null), false, Verdict.DENY);
        i = destroyCase(i, new ObjectLock(compliance, LegalHold.OFF), true, Verdict.DENY);    // bypass never helps
        i = destroyCase(i, new ObjectLock(complianceExpired, null), true, Verdict.ALLOW);
        i = destroyCase(i, new ObjectLock(governance, LegalHold.ON), true, Verdict.DENY);     // the hold wins
        destroyCase(i, ObjectLock.NONE, false, Verdict.ALLOW);

        Retention governanceShorter = new Retention(LockMode.GOVERNANCE, NOW.plusSeconds(86_400));
        Retention governanceLonger = new Retention(LockMode.GOVERNANCE, IN_7_YEARS);
        Retention complianceLonger = new Retention(LockMode.COMPLIANCE, IN_7_YEARS.plusSeconds(365 * 86_400L));
        Retention complianceShorter = new Retention(LockMode.COMPLIANCE, IN_30_DAYS);
        int j = 0;
        j = changeCase(j, null, governance, false, Verdict.ALLOW);                              // none -> GOVERNANCE
        j = changeCase(j, governance, governanceLonger, false, Verdict.ALLOW);                  // extend
        j = changeCase(j, governance, governanceShorter, false, Verdict.DENY);                  // shorten
        j = changeCase(j, governance, governanceShorter, true, Verdict.ALLOW_BYPASSING_GOVERNANCE);
        j = changeCase(j, governance, null, true, Verdict.ALLOW_BYPASSING_GOVERNANCE);          // remove
        j = changeCase(j, governance, compliance, false, Verdict.DENY);                         // re-mode
        j = changeCase(j, compliance, complianceLonger, false, Verdict.ALLOW);                  // extend
        j = changeCase(j, compliance, complianceShorter, true, Verdict.DENY);                   // shorten
        j = changeCase(j, compliance, governanceLonger, true, Verdict.DENY);                    // re-mode
        changeCase(j, complianceExpired, null, false, Verdict.ALLOW);                           // expired = none
    }

    private int destroyCase(int i, ObjectLock lock, boolean bypass, Verdict expected) {
        destroyVersions[i] = new ObjectVersion("backups/2030/06/01/db-0001.tar.zst", VersionIds.of(i + 1), i + 1, false,
                NOW.minusSeconds(3_600), 64L << 20, "\"9b2cf535f27731c974343645a3985328\"", null, ObjectMeta.NONE,
                "arn:aws:iam::000000000000:user/backup").withLock(lock);
        destroyBypass[i] = bypass;
        check(LockRules.mayDestroy(destroyVersions[i], NOW, bypass), expected, "mayDestroy case " + i);
        return i + 1;
    }

    private int changeCase(int j, Retention from, Retention to, boolean bypass, Verdict expected) {
        existing[j] = from;
        requested[j] = to;
        changeBypass[j] = bypass;
        check(LockRules.retentionChange(from, to, NOW, bypass), expected, "retentionChange case " + j);
        return j + 1;
    }

    private static void check(Verdict actual, Verdict expected, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    /** May each version of the mix be destroyed now? One op = one predicate call. */
    @Benchmark
    @OperationsPerInvocation(DESTROY_CASES)
    public void mayDestroy(Blackhole bh) {
        for (int i = 0; i < DESTROY_CASES; i++) {
            bh.consume(LockRules.mayDestroy(destroyVersions[i], now, destroyBypass[i]));
        }
    }

    /** May each retention of the mix change as requested now? One op = one transition-table lookup. */
    @Benchmark
    @OperationsPerInvocation(CHANGE_CASES)
    public void retentionChange(Blackhole bh) {
        for (int i = 0; i < CHANGE_CASES; i++) {
            bh.consume(LockRules.retentionChange(existing[i], requested[i], now, changeBypass[i]));
        }
    }
}
