package org.amber.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code amber-bench}: an S3 load generator for any endpoint and credentials, so that Amber and
 * another server are measured by the same client. Prints a markdown table; {@code --out} also
 * writes the figures as {@code name.metric<TAB>value} lines.
 *
 * <pre>
 * amber-bench --endpoint http://127.0.0.1:9000 --access-key K --secret-key S
 *             [--region us-east-1] [--server-pid PID[,PID...]] [--out FILE]
 *             [--workloads put,large,list,retention,mixed] [--seconds 20] [--concurrency 1,16,64]
 *             [--large-mib 256] [--part-mib 16] [--parallel 4] [--repeats 3 (runs of each PUT step and transfer)]
 *             [--list-keys 10000] [--versions 10000] [--bucket-prefix NAME]
 *             (workload fill, not in the default set: [--fill-versions 1000000])
 * </pre>
 */
public final class AmberBench {
    private static final Set<String> WORKLOADS = Set.of("put", "large", "list", "retention", "mixed", "fill");

    private AmberBench() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> a = parse(argv);
        S3Client.Target target = new S3Client.Target(URI.create(required(a, "endpoint")), required(a, "access-key"),
                required(a, "secret-key"), a.getOrDefault("region", "us-east-1"));
        List<Long> pids = new ArrayList<>();
        for (String p : a.getOrDefault("server-pid", "").split(",")) {
            if (!p.isBlank()) {
                pids.add(Long.parseLong(p.trim()));
            }
        }
        List<String> workloads = Arrays.asList(a.getOrDefault("workloads", String.join(",", "put", "large", "list", "retention", "mixed")).split(","));
        for (String w : workloads) {
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("unknown workload " + w + "; known: " + WORKLOADS);
            }
        }
        Report report = new Report();
        Workload workload = new Workload(target, new Cpu(pids));
        String prefix = a.getOrDefault("bucket-prefix", "amber-bench-" + Long.toString(System.currentTimeMillis(), 36));
        Scenarios s = new Scenarios(target, workload, report, prefix, Double.parseDouble(a.getOrDefault("seconds", "20")));
        for (String w : workloads) {
            System.err.println("amber-bench: " + w + " ...");
            switch (w) {
                case "put" -> s.smallPuts(Arrays.stream(a.getOrDefault("concurrency", "1,16,64").split(",")).mapToInt(Integer::parseInt).toArray(),
                        integer(a, "repeats", 3));
                case "large" -> s.largeObjects(integer(a, "large-mib", 256), integer(a, "part-mib", 16), integer(a, "parallel", 4),
                        integer(a, "repeats", 3));
                case "list" -> s.listing(integer(a, "list-keys", 10_000), integer(a, "repeats", 3));
                case "retention" -> s.retentionExtension(integer(a, "versions", 10_000), 16);
                case "mixed" -> s.mixed(16);
                case "fill" -> s.fill(Long.parseLong(a.getOrDefault("fill-versions", "1000000")));
                default -> throw new IllegalStateException(w);
            }
        }
        System.out.print(report.markdown());
        if (a.containsKey("out")) {
            report.write(Path.of(a.get("out")));
        }
    }

    private static int integer(Map<String, String> a, String name, int dflt) {
        return a.containsKey(name) ? Integer.parseInt(a.get(name)) : dflt;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 == argv.length) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            a.put(argv[i].substring(2), argv[++i]);
        }
        return a;
    }
}
