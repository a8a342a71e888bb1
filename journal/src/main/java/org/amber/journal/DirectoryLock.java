package org.amber.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive advisory lock (flock) on a file next to the journal directory, held while the
 * journal is open. Holding it proves no other process writes the journal, which is what lets
 * start-up release Chronicle write locks left behind by a killed process (even when a restarted
 * process got the dead one's pid). Thread-safe; released on close.
 */
final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock without waiting; fails if another process (or this one) holds it. */
    static DirectoryLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException(file + " is locked by another process: is another amberd using this journal?");
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(file + " is already locked: this journal is already open in this process", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
