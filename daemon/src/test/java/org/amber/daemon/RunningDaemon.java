package org.amber.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A JUnit 5 extension that runs one production-wired daemon for a test class, on loopback ports
 * and a fresh data directory, and stops it (and every client it handed out) afterwards. Register it
 * as a static field with {@code @RegisterExtension}; its daemon is up before {@code @BeforeAll}.
 */
final class RunningDaemon implements BeforeAllCallback, AfterAllCallback {
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private Path dir;
    private Daemon daemon;
    private RootCredentials root;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("amber-" + context.getRequiredTestClass().getSimpleName());
        daemon = TestDaemons.start(dir);
        root = daemon.newRootCredentials().orElseThrow();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
        daemon.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    Daemon daemon() {
        return daemon;
    }

    RootCredentials root() {
        return root;
    }

    /** A raw-socket client signed with the root keys. */
    RawS3 raw() {
        return new RawS3(daemon.s3Port(), root);
    }

    /** A new SDK v2 client signed with the root keys, closed with the daemon. */
    S3Client client() {
        return track(TestDaemons.client(daemon, root));
    }

    /** Closes {@code c} when the daemon stops. */
    <T extends AutoCloseable> T track(T c) {
        toClose.push(c);
        return c;
    }
}
