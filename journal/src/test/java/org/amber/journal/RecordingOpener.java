package org.amber.journal;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test seam: opens real channels, counts force() per file, and can make force() fail, make it
 * wait for a latch, or refuse O_DIRECT the way tmpfs does on older kernels.
 */
final class RecordingOpener implements SegmentStore.ChannelOpener {
    final Map<String, AtomicInteger> forces = new ConcurrentHashMap<>();
    volatile IOException forceFailure;
    volatile CountDownLatch forceGate;
    volatile CountDownLatch forceEntered;
    volatile boolean refuseDirect;

    @Override
    public FileChannel open(Path p, Set<? extends OpenOption> options) throws IOException {
        if (refuseDirect && options.contains(ExtendedOpenOption.DIRECT)) {
            throw new java.nio.file.FileSystemException(p.toString(), null, "Invalid argument");
        }
        return new ForwardingFileChannel(FileChannel.open(p, options)) {
            @Override
            public void force(boolean metaData) throws IOException {
                awaitGate();
                if (forceFailure != null) {
                    throw forceFailure;
                }
                delegate.force(metaData);
                forces.computeIfAbsent(p.getFileName().toString(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    int forcesOf(String fileName) {
        AtomicInteger n = forces.get(fileName);
        return n == null ? 0 : n.get();
    }

    /** Forces of segment files only, by file name. */
    Map<String, Integer> segmentForces() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        forces.forEach((k, v) -> {
            if (k.endsWith(".seg")) {
                out.put(k, v.get());
            }
        });
        return out;
    }

    private void awaitGate() throws IOException {
        CountDownLatch gate = forceGate;
        if (gate == null) {
            return;
        }
        forceEntered.countDown();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IOException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
