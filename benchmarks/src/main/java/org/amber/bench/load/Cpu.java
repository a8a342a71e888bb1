package org.amber.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used so far, in nanoseconds: this process's own (so a client-bound result shows as a
 * client near its core budget) and the server's, read from {@code /proc/<pid>/stat} of the server
 * processes named on the command line (all their threads).
 */
final class Cpu {
    private static final long TICK_NANOS = 1_000_000_000L / clockTicks();
    private final List<Long> serverPids;

    Cpu(List<Long> serverPids) {
        this.serverPids = serverPids;
    }

    long client() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** -1 when no server process was named or one is gone. */
    long server() {
        if (serverPids.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (long pid : serverPids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS; // utime, stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return sum;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100; // USER_HZ on Linux
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
