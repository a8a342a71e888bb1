package org.amber.daemon;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The daemon's configuration: embedded defaults that work on a developer laptop, overridden by a
 * config file ({@code key = value} lines), overridden by command-line flags ({@code --key value}).
 *
 * @param segmentBytes the size at which a blob segment is sealed and a new one started
 * @param secretKeyFile the key that seals account secrets; kept outside the journal
 * @param reclaimInterval how often space reclamation looks for segments nothing references (0: never)
 * @param clockCatchUpHoursPerDay how far the compliance clock may follow a system clock that is ahead, per
 *     day of uptime: 0 to 24 (more would let a moved clock release retention early)
 * @param clockTickInterval how often an idle daemon records the compliance clock in the journal (0: never)
 * @param snapshotMinRecords how many records after the last state snapshot make a new one due (more once
 *     half the versions held is more); 0: never take snapshots, always replay the whole journal
 * @param snapshotCheck how often the daemon checks whether a snapshot is due
 * @param commitDelay how long the persist stage waits, after a group commit of at least
 *     {@link Pipeline#COMMIT_DELAY_MIN_RECORDS} records, before it takes the next batch (0: never)
 */
public record Config(Path dataDir, InetSocketAddress s3Address, InetSocketAddress adminAddress, String region,
                     List<String> vhostDomains, long segmentBytes, Path secretKeyFile, int ringSize,
                     java.time.Duration reclaimInterval, double clockCatchUpHoursPerDay,
                     java.time.Duration clockTickInterval, long snapshotMinRecords,
                     java.time.Duration snapshotCheck, java.time.Duration commitDelay) {

    /** Where a packaged install keeps its configuration; read only if it exists. */
    public static final Path SYSTEM_CONFIG = Path.of("/etc/amber/amber.conf");

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "./data");
        d.put("s3-address", "127.0.0.1:9000");
        d.put("admin-address", "127.0.0.1:9001");
        d.put("region", "us-east-1");
        d.put("vhost-domains", "localhost");
        d.put("segment-size", Long.toString(256L << 20));
        d.put("secret-key-file", "");
        d.put("ring-size", "1024");
        d.put("reclaim-interval-seconds", "60");
        d.put("clock-catch-up-hours-per-day", "24");
        d.put("clock-tick-interval-seconds", "60");
        d.put("snapshot-min-records", "100000");
        d.put("snapshot-check-seconds", "5");
        d.put("commit-delay-micros", "300");
        return d;
    }

    /** Defaults, then {@code --config FILE} (or the system file), then the other flags. */
    public static Config fromArgs(String... args) throws IOException {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        String file = flags.remove("config");
        Path configFile = file != null ? Path.of(file) : Files.isRegularFile(SYSTEM_CONFIG) ? SYSTEM_CONFIG : null;
        if (configFile != null) {
            merged.putAll(readFile(configFile));
        }
        merged.putAll(flags);
        return from(merged);
    }

    /** Builds a config from a full key/value map (unknown keys are an error, not ignored). */
    public static Config from(Map<String, String> m) {
        for (String k : m.keySet()) {
            if (!DEFAULTS.containsKey(k)) {
                throw new IllegalArgumentException("unknown configuration key '" + k + "'; known: " + DEFAULTS.keySet());
            }
        }
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        v.putAll(m);
        Path data = Path.of(v.get("data")).toAbsolutePath().normalize();
        String keyFile = v.get("secret-key-file");
        return new Config(data, address(v.get("s3-address")), address(v.get("admin-address")), v.get("region"),
                Arrays.stream(v.get("vhost-domains").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Long.parseLong(v.get("segment-size")),
                keyFile.isEmpty() ? data.resolve("amber-secret.key") : Path.of(keyFile),
                Integer.parseInt(v.get("ring-size")),
                seconds(v.get("reclaim-interval-seconds")), catchUp(v.get("clock-catch-up-hours-per-day")),
                seconds(v.get("clock-tick-interval-seconds")), nonNegative("snapshot-min-records", v.get("snapshot-min-records")),
                seconds(v.get("snapshot-check-seconds")),
                java.time.Duration.ofNanos(1000 * nonNegative("commit-delay-micros", v.get("commit-delay-micros"))));
    }

    private static long nonNegative(String key, String v) {
        long n = Long.parseLong(v);
        if (n < 0) {
            throw new IllegalArgumentException(key + " must not be negative, got " + v);
        }
        return n;
    }

    /** 0 to 24 hours per day; a faster compliance clock would release retention early, so more is refused. */
    private static double catchUp(String v) {
        double h = Double.parseDouble(v);
        if (!(h >= 0 && h <= 24)) {
            throw new IllegalArgumentException("clock-catch-up-hours-per-day must be between 0 and 24, got " + v);
        }
        return h;
    }

    private static java.time.Duration seconds(String v) {
        double s = Double.parseDouble(v);
        if (s < 0) {
            throw new IllegalArgumentException("a duration must not be negative: " + v);
        }
        return java.time.Duration.ofMillis(Math.round(s * 1000));
    }

    private static Map<String, String> parseFlags(String... args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                out.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length) {
                out.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
        }
        return out;
    }

    private static Map<String, String> readFile(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            props.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.forEach((k, val) -> out.put(k.toString().trim(), val.toString().trim()));
        return out;
    }

    /** {@code HOST:PORT}; port 0 picks a free port. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("address must be HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        return InetSocketAddress.createUnresolved(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
