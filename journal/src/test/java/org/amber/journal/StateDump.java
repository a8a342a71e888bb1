package org.amber.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.amber.lockd.Account;
import org.amber.lockd.BucketState;
import org.amber.lockd.KeyVersions;
import org.amber.lockd.Store;
import org.amber.lockd.Upload;
import org.amber.lockd.iam.Directory;
import org.amber.lockd.iam.PolicyScope;

/**
 * Everything a {@link Store} answers through its public API, one line per fact, in a canonical order:
 * two states that dump alike answer every read alike. For comparing a state restored from a snapshot
 * with one replayed from the whole journal.
 */
public final class StateDump {
    private StateDump() {
    }

    /**
     * Fails unless both dumps are equal. The message names the first line that differs and a few of the lines
     * only one side has (a dump can have thousands); the whole dumps ride along as expected and actual, for an
     * IDE's diff view.
     */
    public static void assertEqual(List<String> expected, List<String> actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int first = 0;
        while (first < Math.min(expected.size(), actual.size()) && expected.get(first).equals(actual.get(first))) {
            first++;
        }
        StringBuilder msg = new StringBuilder(what).append(": the states differ (").append(expected.size()).append(" vs ")
                .append(actual.size()).append(" lines), first at line ").append(first + 1).append('\n');
        List<String> onlyExpected = missingFrom(actual, expected);
        List<String> onlyActual = missingFrom(expected, actual);
        msg.append(onlyExpected.size()).append(" line(s) only in expected:\n");
        onlyExpected.stream().limit(10).forEach(l -> msg.append("  - ").append(l).append('\n'));
        msg.append(onlyActual.size()).append(" line(s) only in actual:\n");
        onlyActual.stream().limit(10).forEach(l -> msg.append("  + ").append(l).append('\n'));
        throw new org.opentest4j.AssertionFailedError(msg.toString(), String.join("\n", expected), String.join("\n", actual));
    }

    /** The lines of {@code b} that {@code a} lacks, counting repeats. */
    private static List<String> missingFrom(List<String> a, List<String> b) {
        Map<String, Integer> count = new java.util.HashMap<>();
        a.forEach(l -> count.merge(l, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String l : b) {
            if (count.merge(l, -1, Integer::sum) < 0) {
                out.add(l);
            }
        }
        return out;
    }

    public static List<String> of(Store s) {
        List<String> out = new ArrayList<>();
        out.add("lastSeq " + s.lastSeq() + " lastTime " + s.lastTime() + " lastLockTime " + s.lastLockTime());
        out.add("dropped " + new TreeSet<>(s.droppedSegments()));
        for (BucketState b : s.buckets()) {
            out.add("bucket " + b.name() + " owner " + b.owner() + " created " + b.created() + " versioning " + b.versioning()
                    + " lock " + b.objectLockEnabled() + " " + Describe.of(b.defaultRetention()) + " policy " + b.policy());
            for (Map.Entry<String, KeyVersions> e : b.keys().entrySet()) {
                out.add("  key " + e.getKey() + " " + Describe.of(e.getValue()));
            }
            for (Map.Entry<String, List<Upload>> e : b.uploads().entrySet()) {
                for (Upload u : e.getValue()) {
                    out.add("  upload " + e.getKey() + " " + u.uploadId() + " seq " + u.seq() + " " + u.initiated() + " " + u.owner()
                            + " " + Describe.of(u.meta()) + " " + u.checksumAlgorithm() + " " + u.checksumType() + " "
                            + Describe.of(u.lock()) + " parts " + Describe.of(new ArrayList<>(u.parts().values()))
                            + " byId " + (b.upload(u.uploadId()).orElse(null) != null));
                }
            }
        }
        Map<String, String> accounts = new TreeMap<>();
        for (Account a : s.accounts()) {
            accounts.put(a.accessKeyId(), Describe.of(a) + " active " + s.directory().active(a.accessKeyId())
                    + " created " + s.directory().keyCreated(a.accessKeyId()));
        }
        accounts.forEach((k, v) -> out.add("account " + v));
        Directory d = s.directory();
        out.add("guardrail " + d.guardrail());
        d.users().forEach((n, u) -> out.add("user " + Describe.of(u) + " groups " + d.groupsOf(n) + " policies "
                + d.policies(PolicyScope.USER, n)));
        d.groups().forEach((n, g) -> out.add("group " + Describe.of(g) + " members " + new TreeSet<>(d.members(n)) + " policies "
                + d.policies(PolicyScope.GROUP, n)));
        d.roles().forEach((n, r) -> out.add("role " + Describe.of(r) + " policies " + d.policies(PolicyScope.ROLE, n)));
        return out;
    }
}
