package org.amber.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * fsync of files and directories: a new or renamed file only survives a power failure once the
 * directory that names it has been synced too. Stateless; any thread; blocks on the disk.
 */
final class Fsync {
    private Fsync() {
    }

    /** fsync of a directory (Linux lets a directory be opened read-only and fsynced). */
    static void directory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** fsync of a regular file's data and metadata. */
    static void file(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** The directory that holds {@code path} (its absolute parent). */
    static Path parentOf(Path path) {
        return path.toAbsolutePath().normalize().getParent();
    }
}
