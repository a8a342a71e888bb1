package org.amber.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one run: a markdown table for people, and {@code name.metric value} lines for
 * {@code run.sh}, which divides them by the box's limits.
 */
final class Report {
    private final List<String> rows = new ArrayList<>();
    private final Map<String, Double> values = new LinkedHashMap<>();

    void latency(String label, String name, Workload.Measured m) {
        latency(label, name, List.of(m));
    }

    /** Several runs of one load step: the run of median throughput, its latencies and CPU, and every run's ops/s. */
    void latency(String label, String name, List<Workload.Measured> runs) {
        Workload.Measured m = median(runs, Workload.Measured::opsPerSecond);
        put(name, "ops_per_s", m.opsPerSecond());
        put(name, "p50_ms", m.millis(0.50));
        put(name, "p99_ms", m.millis(0.99));
        put(name, "p999_ms", m.millis(0.999));
        cpu(name, m);
        String throughput = fmt("%,.0f ops/s", m.opsPerSecond());
        if (runs.size() > 1) {
            put(name, "runs", runs.size());
            throughput += " (runs: " + each(runs, Workload.Measured::opsPerSecond) + ")";
        }
        row(label, throughput, m.millis(0.5), m.millis(0.99), m.millis(0.999), m);
    }

    /** Several runs of one transfer: the median run's MB/s (10^6 bytes a second). */
    void bandwidth(String label, String name, List<Workload.Measured> runs) {
        Workload.Measured median = median(runs, Workload.Measured::megabytesPerSecond);
        put(name, "mb_per_s", median.megabytesPerSecond());
        put(name, "runs", runs.size());
        cpu(name, median);
        rows.add(fmt("| %s | %,.0f MB/s (runs: %s) | | | | %s | %s |", label, median.megabytesPerSecond(),
                each(runs, Workload.Measured::megabytesPerSecond), cores(median.clientCores()), cores(median.serverCores())));
    }

    /** The run in the middle by {@code figure} (the upper middle of an even count). */
    private static Workload.Measured median(List<Workload.Measured> runs, ToDoubleFunction<Workload.Measured> figure) {
        List<Workload.Measured> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(figure));
        return sorted.get(sorted.size() / 2);
    }

    /** Every run's figure, in the order they ran. */
    private static String each(List<Workload.Measured> runs, ToDoubleFunction<Workload.Measured> figure) {
        StringBuilder all = new StringBuilder();
        for (Workload.Measured m : runs) {
            all.append(all.length() == 0 ? "" : ", ").append(fmt("%,.0f", figure.applyAsDouble(m)));
        }
        return all.toString();
    }

    void keysPerSecond(String label, String name, Workload.Measured m) {
        double keys = m.bytes() / m.seconds(); // the op returns keys seen
        put(name, "keys_per_s", keys);
        put(name, "pass_ms", m.millis(0.5));
        cpu(name, m);
        row(label, fmt("%,.0f keys/s (a pass: %.0f ms)", keys, m.millis(0.5)), Double.NaN, Double.NaN, Double.NaN, m);
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| workload | throughput | p50 ms | p99 ms | p99.9 ms | client CPU (cores) | server CPU (cores) |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> b.append(r).append('\n'));
        return b.toString();
    }

    void write(Path tsv) throws IOException {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('\t').append(fmt("%.4f", v)).append('\n'));
        Files.writeString(tsv, b.toString());
    }

    private void cpu(String name, Workload.Measured m) {
        put(name, "client_cores", m.clientCores());
        put(name, "server_cores", m.serverCores());
    }

    private void row(String label, String throughput, double p50, double p99, double p999, Workload.Measured m) {
        rows.add(fmt("| %s | %s | %s | %s | %s | %s | %s |", label, throughput, ms(p50), ms(p99), ms(p999),
                cores(m.clientCores()), cores(m.serverCores())));
    }

    private void put(String name, String metric, double v) {
        if (!Double.isNaN(v)) {
            values.put(name + "." + metric, v);
        }
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "" : fmt("%.2f", v);
    }

    private static String cores(double v) {
        return Double.isNaN(v) ? "n/a" : fmt("%.2f", v);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
