package org.amber.daemon;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses new objects before the heap runs out, instead of stalling. Every version's state lives on the
 * heap (twice: the decided and the published state, ≈600 bytes a version in all). On a heap that is
 * nearly full the JVM collects back to back, requests stall until clients give up, and an
 * OutOfMemoryError would fail-stop the pipeline. So after each garbage collection the heap still in use
 * is compared with the maximum: new objects are refused (503) once {@link #ENTER} of it stays in use over
 * {@link #STREAK} young collections in a row, or {@link #ENTER_AFTER_FULL} after a full collection, and
 * accepted again once a collection leaves less than {@link #LEAVE} in use. Reads, deletes, retention
 * and legal-hold changes go on: removing versions is how an operator makes room without a restart.
 * Thread: collections are reported on the JVM's notification thread; {@link #full()} from any thread.
 */
final class MemoryGuard implements AutoCloseable {
    private static final double ENTER = 0.92;
    private static final double ENTER_AFTER_FULL = 0.90;
    private static final double LEAVE = 0.85;
    private static final int STREAK = 3;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

    private volatile boolean full;
    private volatile double lastRatio;
    private int streak;
    private final java.util.List<Runnable> unregister = new java.util.ArrayList<>();

    /** A guard fed by this JVM's garbage collectors, with its two gauges. */
    static MemoryGuard install(Metrics metrics) {
        MemoryGuard guard = new MemoryGuard();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        long max = Runtime.getRuntime().maxMemory();
        NotificationListener listener = (Notification n, Object handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                guard.afterCollection(usedIn(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), max,
                        info.getGcAction().contains("major"));
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                guard.unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException gone) {
                        // already removed
                    }
                });
            }
        }
        metrics.gauge("amber_memory_full", "1 while new objects are refused because the heap is nearly full", () -> guard.full ? 1 : 0);
        metrics.gauge("amber_heap_after_gc_ratio", "Share of the maximum heap still in use after the last garbage collection",
                () -> guard.lastRatio);
        return guard;
    }

    private static long usedIn(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    /** Stops listening to the collectors (a daemon stopped inside a JVM that goes on, as in tests). */
    @Override
    public void close() {
        unregister.forEach(Runnable::run);
    }

    /** Whether new objects are refused now. */
    boolean full() {
        return full;
    }

    /** One collection's outcome: {@code used} bytes of heap still in use of {@code max}; {@code major}: a full collection. */
    synchronized void afterCollection(long used, long max, boolean major) {
        double ratio = (double) used / max;
        lastRatio = ratio;
        boolean was = full;
        if (ratio < LEAVE) {
            streak = 0;
            full = false;
        } else if (major) {
            streak = 0;
            full = full || ratio >= ENTER_AFTER_FULL;
        } else if (ratio >= ENTER) {
            streak++;
            full = full || streak >= STREAK;
        } else {
            streak = 0;
        }
        if (full && !was) {
            LOG.error("MEMORY FULL: {}% of the {} MiB heap is in use after garbage collection; new objects are refused (503) "
                    + "until it is below {}%. Every version's state is held in memory: raise -Xmx (AMBER_JAVA_OPTS) and "
                    + "restart, or remove versions.", Math.round(ratio * 100), max >> 20, Math.round(LEAVE * 100));
        } else if (was && !full) {
            LOG.warn("memory: {}% of the heap in use after garbage collection; new objects are accepted again", Math.round(ratio * 100));
        }
    }
}
