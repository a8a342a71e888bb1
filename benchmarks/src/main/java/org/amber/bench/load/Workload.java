package org.amber.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one operation from {@code concurrency} threads, each with its own connection, for a time or
 * a number of operations, and measures it: operations, wall time, every operation's latency, the
 * client's and the server's CPU.
 */
final class Workload {
    /** One operation of one worker; {@code n} is the worker's own count, {@code i} a count shared by all. */
    @FunctionalInterface
    interface Op {
        /** Returns the bytes moved (0 where that means nothing). */
        long run(S3Client s3, int worker, long n, long i) throws IOException;
    }

    /** What was measured. Latencies are sorted, in nanoseconds. */
    record Measured(long ops, long bytes, double seconds, long[] latencies, double clientCores, double serverCores) {
        double opsPerSecond() {
            return ops / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }

        /** The q-quantile latency in milliseconds. */
        double millis(double q) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int idx = (int) Math.ceil(q * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, idx))] / 1e6;
        }
    }

    private final S3Client.Target target;
    private final Cpu cpu;

    Workload(S3Client.Target target, Cpu cpu) {
        this.target = target;
        this.cpu = cpu;
    }

    /** Runs until {@code seconds} have passed. */
    Measured forSeconds(int concurrency, double seconds, Op op) throws IOException {
        return run(concurrency, (long) (seconds * 1e9), Long.MAX_VALUE, op);
    }

    /** Runs until {@code count} operations are done, shared among the workers. */
    Measured count(int concurrency, long count, Op op) throws IOException {
        return run(concurrency, Long.MAX_VALUE, count, op);
    }

    private Measured run(int concurrency, long nanos, long count, Op op) throws IOException {
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong next = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[][] perWorker = new long[concurrency][];
        int[] done = new int[concurrency];
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                long[] lat = new long[1024];
                int k = 0;
                try (S3Client s3 = new S3Client(target)) {
                    ready.countDown();
                    go.await();
                    for (long n = 0; failure.get() == null; n++) {
                        long i = next.getAndIncrement();
                        if (i >= count) {
                            break;
                        }
                        long t0 = System.nanoTime();
                        if (t0 - deadline[0] >= 0 && nanos != Long.MAX_VALUE) {
                            break;
                        }
                        bytes.addAndGet(op.run(s3, worker, n, i));
                        if (k == lat.length) {
                            lat = Arrays.copyOf(lat, k * 2);
                        }
                        lat[k++] = System.nanoTime() - t0;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    ready.countDown();
                }
                perWorker[worker] = lat;
                done[worker] = k;
            }, "bench-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            ready.await();
            long c0 = cpu.client();
            long s0 = cpu.server();
            long t0 = System.nanoTime();
            deadline[0] = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : t0 + nanos;
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long c1 = cpu.client();
            long s1 = cpu.server();
            if (failure.get() != null) {
                throw new IOException("a worker failed: " + failure.get(), failure.get());
            }
            int total = 0;
            for (int k : done) {
                total += k;
            }
            long[] all = new long[total];
            int at = 0;
            for (int w = 0; w < concurrency; w++) {
                System.arraycopy(perWorker[w], 0, all, at, done[w]);
                at += done[w];
            }
            Arrays.sort(all);
            double serverCores = s0 < 0 || s1 < 0 ? Double.NaN : (s1 - s0) / 1e9 / seconds;
            return new Measured(total, bytes.get(), seconds, all, (c1 - c0) / 1e9 / seconds, serverCores);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
