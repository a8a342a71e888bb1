package org.amber.journal;

import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves a new segment's blocks with fallocate(2), through JNA (the JDK has no fallocate).
 *
 * <p>Why: an O_DIRECT write that extends a file takes ext4's inode lock exclusively, so concurrent
 * PUTs appending to one segment queue behind each other and behind every fdatasync (measured:
 * nearly all of the daemon's native time was in pwrite). Writes inside the allocated size take it
 * shared and run in parallel. Where fallocate is refused (tmpfs on old kernels, non-Linux), the
 * segment simply grows as before. Stateless; any thread.
 */
final class Preallocate {
    private static final Logger LOG = LoggerFactory.getLogger(Preallocate.class);
    private static final int O_WRONLY = 1;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private Preallocate() {
    }

    /** Allocates {@code bytes} for the existing file {@code path}; false (logged once) if the system refuses. */
    static boolean file(Path path, long bytes) {
        if (LibC.INSTANCE == null) {
            return false;
        }
        int fd = LibC.INSTANCE.open(path.toString(), O_WRONLY);
        if (fd < 0) {
            warn(path, "open", Native.getLastError());
            return false;
        }
        try {
            if (LibC.INSTANCE.fallocate(fd, 0, 0, bytes) != 0) {
                warn(path, "fallocate", Native.getLastError());
                return false;
            }
            return true;
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private static void warn(Path path, String call, int errno) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("segments: {} of {} failed (errno {}); segments grow as they are written, which serializes concurrent writes",
                    call, path, errno);
        }
    }
}
