package org.amber.daemon;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.amber.lockd.Decision;
import org.amber.lockd.RequestContext;
import org.amber.lockd.command.TickClock;
import org.amber.lockd.port.CommandBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's watchdog, fed only while the pipeline really makes progress: every half period a probe (a
 * {@link TickClock}) goes through decide, the journal's sync and reply, and {@code WATCHDOG=1} is sent only
 * when the probe sent a half period earlier has come back accepted. A stalled disk, a stuck stage or writes
 * stopped after a failed sync all silence it, and systemd restarts the daemon, whose start replays the
 * journal. Not a bare timer.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private final CommandBus bus;
    private final Consumer<String> notify;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "amber-watchdog");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Decision> probe;
    private boolean silent;

    Watchdog(CommandBus bus, Consumer<String> notify) {
        this.bus = bus;
        this.notify = notify;
    }

    /** The period systemd asked for ({@code WATCHDOG_USEC}, if {@code WATCHDOG_PID} is unset or ours); null if none. */
    static Duration periodFromEnvironment() {
        String usec = System.getenv("WATCHDOG_USEC");
        String pid = System.getenv("WATCHDOG_PID");
        if (usec == null || (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return null;
        }
        try {
            long us = Long.parseLong(usec.trim());
            return us > 0 ? Duration.ofNanos(us * 1000) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Starts probing every half {@code period}. */
    void start(Duration period) {
        long half = Math.max(1, period.toMillis() / 2);
        timer.scheduleAtFixedRate(this::tick, 0, half, TimeUnit.MILLISECONDS);
        LOG.info("watchdog: a pipeline probe every {} ms (WatchdogSec {} ms)", half, period.toMillis());
    }

    /** Thread: the watchdog timer only. */
    private void tick() {
        try {
            if (probe != null) {
                Decision d = probe.getNow(null);
                boolean alive = d != null && !d.refused();
                if (alive) {
                    notify.accept("WATCHDOG=1");
                    if (silent) {
                        LOG.info("watchdog: the pipeline makes progress again");
                        silent = false;
                    }
                } else {
                    if (!silent) {
                        LOG.warn("watchdog: the pipeline did not answer a probe within half the watchdog period ({}); not pinging",
                                d == null ? "still pending" : "refused: " + d.refusal());
                    }
                    silent = true;
                    if (d == null) {
                        return; // wait for the outstanding probe rather than pile up more
                    }
                }
            }
            CompletableFuture<Decision> next = new CompletableFuture<>();
            probe = next;
            bus.submit(new TickClock(), RequestContext.system("watchdog"), next::complete);
        } catch (RuntimeException e) {
            LOG.warn("watchdog probe failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
