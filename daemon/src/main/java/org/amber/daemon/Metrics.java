package org.amber.daemon;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.DoubleSupplier;
import org.amber.s3.RequestListener;

/**
 * The daemon's Prometheus metrics, one registry per daemon (so tests can run several daemons in
 * one JVM). Every method is thread-safe and non-blocking.
 */
public final class Metrics implements RequestListener {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("amber_s3_requests")
            .help("S3 requests answered, by operation and HTTP status").labelNames("operation", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("amber_s3_request_duration").unit(Unit.SECONDS)
            .help("S3 request latency, from arrival to the last byte handed to Jetty").labelNames("operation")
            .register(registry);
    private final Counter commands = Counter.builder().name("amber_pipeline_commands")
            .help("Commands that passed through the decide stage").register(registry);
    private final Counter journalSyncs = Counter.builder().name("amber_journal_syncs")
            .help("Journal syncs (msync MS_SYNC): one per group-commit batch that holds events").register(registry);
    private final Counter segmentSyncs = Counter.builder().name("amber_segment_fdatasyncs")
            .help("fdatasync calls on blob segments: one per segment written by a batch").register(registry);
    private final Histogram batchSize = Histogram.builder().name("amber_commit_batch_records")
            .help("Journal records made durable by one group commit")
            .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024).register(registry);
    private final Histogram commitLatency = Histogram.builder().name("amber_commit_duration").unit(Unit.SECONDS)
            .help("Time of one group commit: segment fdatasyncs, journal append and sync").register(registry);

    private final Counter segmentsDropped = Counter.builder().name("amber_segments_dropped")
            .help("Blob segments deleted by space reclamation because nothing referenced them").register(registry);
    private final Counter bytesReclaimed = Counter.builder().name("amber_reclaimed_bytes")
            .help("Bytes of blob segment files deleted by space reclamation").register(registry);

    public Metrics() {
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void completed(String operation, int status, long nanos) {
        requests.labelValues(operation, Integer.toString(status)).inc();
        latency.labelValues(operation).observe(nanos / 1e9);
    }

    void command() {
        commands.inc();
    }

    /** One group commit: how many records, how many segment syncs, how long. */
    void committed(int records, int segmentsSynced, long nanos) {
        journalSyncs.inc();
        segmentSyncs.inc(segmentsSynced);
        batchSize.observe(records);
        commitLatency.observe(nanos / 1e9);
    }

    /** Reclamation deleted {@code segments} files holding {@code bytes}. */
    void reclaimed(int segments, long bytes) {
        segmentsDropped.inc(segments);
        bytesReclaimed.inc(bytes);
    }

    /** A gauge read at scrape time. */
    void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
    }
}
