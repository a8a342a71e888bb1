package org.amber.journal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child-JVM main for the no-outbound-connection test. Every URL connection the JDK opens asks the
 * default {@link ProxySelector} first; this one records the URI and routes it to a closed local
 * port, so nothing leaves the machine. Appends and syncs through the journal or through Chronicle
 * directly, waits, and prints {@code ATTEMPTS=<n>}.
 * Usage: {@code AnalyticsProbe <dir> journal|chronicle <maxWaitMillis>}.
 */
public final class AnalyticsProbe {
    private AnalyticsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Queue<URI> attempts = new ConcurrentLinkedQueue<>();
        CountDownLatch first = new CountDownLatch(1);
        int closedPort = closedPort();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri);
                first.countDown();
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", closedPort)));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException e) {
                // Expected: the port is closed.
            }
        });
        if ("journal".equals(args[1])) {
            journalAppend(Paths.get(args[0]));
        } else {
            rawChronicleAppend(Paths.get(args[0]));
        }
        first.await(Long.parseLong(args[2]), TimeUnit.MILLISECONDS);
        System.out.println("ATTEMPTS=" + attempts.size() + " " + attempts);
        System.out.flush();
        System.exit(0);
    }

    private static void journalAppend(Path dir) throws IOException {
        try (Journal journal = Journal.open(dir)) {
            journal.replay(r -> { });
            journal.append(CrashingWriter.record(1));
            journal.sync();
        }
    }

    /** Chronicle used directly, without the journal's own default for the analytics property. */
    private static void rawChronicleAppend(Path dir) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).build(); ExcerptAppender a = q.createAppender()) {
            try (DocumentContext dc = a.writingDocument()) {
                dc.wire().bytes().write(new byte[] {1, 2, 3});
            }
            a.sync();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
