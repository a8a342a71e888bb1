package org.amber.daemon;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.amber.journal.Journal;
import org.amber.journal.ReplayReport;
import org.amber.journal.SegmentStore;
import org.amber.journal.Snapshots;
import org.amber.lockd.Account;
import org.amber.lockd.Decision;
import org.amber.lockd.RequestContext;
import org.amber.lockd.KeyIndex;
import org.amber.lockd.Store;
import org.amber.lockd.command.CreateAccount;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.BlobsReferenced;
import org.amber.lockd.BlobRef;
import org.amber.s3.S3Services;
import org.amber.s3.auth.SecretLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Amber daemon: replays the journal into memory, starts the pipeline, makes sure a root
 * account exists, and serves S3 and the admin endpoint. {@link #close} is the orderly stop.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final Config config;
    private final FileChannel lockFile;
    private final SegmentStore segments;
    private final Journal journal;
    private final Pipeline pipeline;
    private final HttpServers http;
    private final Store published;
    private final Snapshotter snapshotter;
    private final Metrics metrics;
    private final RootCredentials generatedRoot;
    private final Housekeeper housekeeper;
    private final ComplianceClock complianceClock;
    private final MemoryGuard memory;

    private Daemon(Config config, Clock clock, SegmentStore.ChannelOpener opener) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        lockFile = lockDataDir(config.dataDir());
        SecretSealer sealer = SecretSealer.open(config.secretKeyFile());
        segments = SegmentStore.open(config.dataDir().resolve("segments"), opener, config.segmentBytes());
        journal = Journal.open(config.dataDir().resolve("journal"));
        Snapshots snapshots = Snapshots.open(config.dataDir().resolve("snapshots"));
        Rebuilt rebuilt = rebuild(snapshots);
        Store decided = rebuilt.decided();
        published = rebuilt.published();
        decided.droppedSegments().stream().max(Long::compare).ifPresent(segments::skipIdsThrough);
        metrics = new Metrics();
        complianceClock = new ComplianceClock(clock, System::nanoTime,
                decided.lastSeq() == 0 ? clock.instant() : decided.lastLockTime(), config.clockCatchUpHoursPerDay() / 24.0);
        Duration skew = complianceClock.skew();
        LOG.info("compliance clock: {} (system clock {} by {}; it follows at most {} h per day of uptime)",
                complianceClock.instant(), skew.isNegative() ? "behind" : "ahead", skew.abs(), config.clockCatchUpHoursPerDay());
        metrics.gauge("amber_compliance_clock_skew_seconds", "System clock minus compliance clock, in seconds",
                () -> complianceClock.skew().toMillis() / 1000.0);
        metrics.gauge("amber_compliance_clock_seconds", "The compliance clock retention is measured against, Unix seconds",
                () -> complianceClock.instant().toEpochMilli() / 1000.0);
        memory = MemoryGuard.install(metrics);
        pipeline = new Pipeline(decided, published, journal, segments, clock, complianceClock, metrics, config.ringSize(),
                rebuilt.report().lastIndex(), memory::full, config.commitDelay());
        snapshotter = new Snapshotter(snapshots, published, pipeline, metrics, config.snapshotMinRecords(), rebuilt.snapshot());
        metrics.gauge("amber_writes_stopped", "1 once a failed sync stopped all writes", () -> pipeline.acceptingWrites() ? 0 : 1);
        housekeeper = new Housekeeper(segments, published, pipeline, metrics);
        housekeeper.finishEarlierDrops();
        generatedRoot = ensureRoot(sealer);
        S3Services services = new S3Services(published, pipeline, segments, secrets(sealer), Clock.systemUTC(),
                config.vhostDomains(), config.region(), metrics, complianceClock, sealer);
        String ctlToken = AmberCtl.newToken();
        http = HttpServers.start(config, services, metrics, pipeline::acceptingWrites, ctlToken);
        AmberCtl.publish(config.dataDir(), ctlToken, "http://" + Main.loopback(config.adminAddress().getHostString()) + ":" + adminPort());
        housekeeper.start(config.reclaimInterval(), config.clockTickInterval());
        snapshotter.start(config.snapshotCheck());
        LOG.info("amber ready: S3 on http://{}:{}, admin on http://{}:{}, data in {}, O_DIRECT {}",
                config.s3Address().getHostString(), s3Port(), config.adminAddress().getHostString(), adminPort(),
                config.dataDir(), segments.directIo() ? "on" : "off (filesystem refused it)");
    }

    /** Starts a daemon with the system clock and real files. */
    public static Daemon start(Config config) throws IOException {
        return start(config, Clock.systemUTC(), SegmentStore.DEFAULT_OPENER);
    }

    /**
     * Starts a daemon with the given JDK seams: the system clock the compliance clock follows (tests set
     * it years ahead or back, as an administrator could; request signatures are still checked against the
     * JVM's own clock, as the clients' clocks are not the box's), and the opener of segment file channels
     * (tests pass channels whose {@code force} blocks or fails).
     */
    public static Daemon start(Config config, Clock clock, SegmentStore.ChannelOpener opener) throws IOException {
        return new Daemon(config, clock, opener);
    }

    private static FileChannel lockDataDir(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new IOException("another amberd is using " + dir);
        }
        return ch;
    }

    /**
     * After a crash, how many of the newest records have their blobs re-read and checked at start.
     * Blob bytes are fdatasynced before the record that names them is journaled, so damage can only
     * be where the crash struck; older data is left to reads (which always verify) and scrubbing.
     */
    static final int VERIFY_AFTER_CRASH = ReplayReport.NEWEST_KEPT;

    /** Both states as the journal left them, what replay found, and the snapshot replay began from (or null). */
    private record Rebuilt(Store decided, Store published, ReplayReport report, Snapshots.Loaded snapshot) {
    }

    /**
     * Rebuilds both states: from the newest snapshot and the journal after it, or from the whole journal when
     * there is no usable snapshot or the journal does not hold the snapshot's last record where it says.
     * After a crash, re-verifies the newest records' blobs.
     */
    private Rebuilt rebuild(Snapshots snapshots) throws IOException {
        long t0 = System.nanoTime();
        Snapshots.Loaded snap = config.snapshotMinRecords() > 0 ? snapshots.loadNewest().orElse(null) : null;
        Rebuilt r = null;
        if (snap != null) {
            LOG.info("snapshot: loaded {} ({} versions, {} MiB, up to record {}) in {} ms", snap.file().getFileName(),
                    snap.versions(), snap.bytes() >> 20, snap.image().lastSeq(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            try {
                // The two states are built on two threads: hashing a million keys takes a few hundred ms.
                java.util.concurrent.CompletableFuture<Store> hashed = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Store.restore(snap.image(), KeyIndex.HASHED));
                Store published = Store.restore(snap.image());
                Store decided = joinRestore(hashed);
                r = replay(decided, published, apply -> journal.replayAfter(snap.journalIndex(), snap.image().lastSeq(), apply))
                        .map(report -> new Rebuilt(decided, published, report, snap)).orElse(null);
                if (r == null) {
                    LOG.warn("snapshot {} names record {} at journal index 0x{}, which the journal does not hold there; replaying"
                            + " the whole journal", snap.file().getFileName(), snap.image().lastSeq(), Long.toHexString(snap.journalIndex()));
                }
            } catch (RuntimeException e) {
                // The journal is the truth: a snapshot that cannot be applied, or that the journal after it
                // does not apply to, costs a full replay, never the start.
                LOG.error("snapshot {} could not be used; replaying the whole journal", snap.file().getFileName(), e);
                snapshots.setAside(snap.file());
                journal.forgetReplay();
                r = null;
            }
        }
        if (r == null) {
            Store decided = new Store(KeyIndex.HASHED);
            Store published = new Store();
            ReplayReport report = replay(decided, published, apply -> Optional.of(journal.replay(apply))).orElseThrow();
            if (snap != null && report.lastSeq() < snap.image().lastSeq()) {
                throw new IOException("the journal ends at record " + report.lastSeq() + " but snapshot " + snap.file()
                        + " holds records up to " + snap.image().lastSeq() + ": acknowledged records are missing from the journal;"
                        + " refusing to start without them");
            }
            r = new Rebuilt(decided, published, report, null);
        }
        ReplayReport report = r.report();
        if (report.tornTail() != null) {
            LOG.warn("journal: torn tail truncated: {}", report.tornTail());
        }
        // After a start from a snapshot, only records from the snapshot's on are re-verified: those before it
        // were on the disk before the snapshot was written and fsynced (which flushes the device's cache),
        // so the crash did not strike them.
        int verified = report.cleanShutdown() ? 0 : verifyNewest(report.sinceLastCleanShutdown(), r.published());
        LOG.info("journal: replayed {} records{} (last seq {}) in {} ms; {}", report.records(),
                r.snapshot() == null ? "" : " after the snapshot", report.lastSeq(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                report.cleanShutdown() ? "clean shutdown" : "recovered from a crash, verified " + verified + " blobs");
        return r;
    }

    /** How a replay is started: with the consumer that applies each record to both states. */
    @FunctionalInterface
    private interface ReplayStart {
        Optional<ReplayReport> start(java.util.function.Consumer<Recorded> apply) throws IOException;
    }

    /** The state {@code restoring} builds, or what building it threw. */
    private static Store joinRestore(java.util.concurrent.CompletableFuture<Store> restoring) {
        try {
            return restoring.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static Optional<ReplayReport> replay(Store decided, Store published, ReplayStart start) throws IOException {
        try (ParallelApply apply = new ParallelApply(decided, published)) {
            Optional<ReplayReport> report = start.start(apply);
            apply.finish();
            return report;
        }
    }

    private int verifyNewest(java.util.List<Recorded> records, Store published) throws IOException {
        int verified = 0;
        for (Recorded r : records.subList(Math.max(0, records.size() - VERIFY_AFTER_CRASH), records.size())) {
            for (Event e : r.events()) {
                for (BlobRef b : BlobsReferenced.by(e)) {
                    // A later record may have deleted the version and reclamation its segment.
                    if (!published.droppedSegments().contains(b.segment())) {
                        segments.verify(b);
                        verified++;
                    }
                }
            }
        }
        return verified;
    }

    /** Creates the root account at first start; returns its credentials only if they are new. */
    private RootCredentials ensureRoot(SecretSealer sealer) throws IOException {
        Optional<Account> existing = published.accounts().stream().filter(Account::root).findFirst();
        if (existing.isPresent()) {
            return null;
        }
        RootCredentials creds = RootCredentials.fromEnvOrGenerate(System.getenv());
        Account root = new Account("root", creds.accessKeyId(), sealer.seal(creds.secretKey()), true);
        CompletableFuture<Decision> done = new CompletableFuture<>();
        pipeline.submit(new CreateAccount(root), RequestContext.system("bootstrap"), done::complete);
        Decision d = done.join();
        if (d.refused()) {
            throw new IOException("could not create the root account: " + d.refusal());
        }
        return creds;
    }

    private SecretLookup secrets(SecretSealer sealer) {
        Map<String, String> cache = new ConcurrentHashMap<>();
        return accessKey -> published.accountByAccessKey(accessKey)
                .filter(a -> published.directory().active(accessKey))
                .map(a -> cache.computeIfAbsent(accessKey, k -> sealer.unseal(a.sealedSecret())));
    }

    /** Where commands go (the pipeline). */
    public org.amber.lockd.port.CommandBus bus() {
        return pipeline;
    }

    public int s3Port() {
        return http.s3Port();
    }

    public int adminPort() {
        return http.adminPort();
    }

    public Config config() {
        return config;
    }

    /** Runs one space-reclamation round now (tests; the daemon runs them on its own schedule). */
    void reclaimNow() throws Exception {
        housekeeper.round();
    }

    /** Takes a state snapshot now (tests; the daemon takes them when due). */
    void snapshotNow() throws Exception {
        snapshotter.takeNow();
    }

    /** The clock retention is measured against. */
    public Clock complianceClock() {
        return complianceClock;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The durable state, as reads see it. */
    public Store state() {
        return published;
    }

    /** The root credentials if this start created them (first start), else empty: they are shown once. */
    public Optional<RootCredentials> newRootCredentials() {
        return Optional.ofNullable(generatedRoot);
    }

    public boolean acceptingWrites() {
        return pipeline.acceptingWrites();
    }

    /** Orderly stop: finish in-flight requests, drain the pipeline, mark the journal clean. */
    @Override
    public void close() {
        http.stop();
        housekeeper.close();
        snapshotter.close();
        boolean drained = pipeline.drained();
        try {
            if (pipeline.acceptingWrites()) {
                journal.markCleanShutdown();
            }
        } catch (IOException e) {
            LOG.error("could not mark a clean shutdown; the next start will verify recent blobs", e);
        }
        if (drained) {
            snapshotter.atStop(); // the states no longer change
        }
        journal.close();
        segments.close();
        memory.close();
        try {
            lockFile.close();
        } catch (IOException e) {
            LOG.warn("closing the data dir lock", e);
        }
        LOG.info("amber stopped");
    }
}
