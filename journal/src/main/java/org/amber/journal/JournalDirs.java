package org.amber.journal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The directories next to a journal directory {@code <name>}: {@code <name>.lock} (the process
 * lock), {@code <name>.rebuild} (a repaired copy being built) and {@code <name>.torn-<time>} (a
 * journal as found before a torn tail was dropped, kept for forensics). Stateless; call under the
 * journal's {@link DirectoryLock}.
 */
final class JournalDirs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private JournalDirs() {
    }

    static Path lockFile(Path dir) {
        return sibling(dir, ".lock");
    }

    static Path rebuildDir(Path dir) {
        return sibling(dir, ".rebuild");
    }

    /**
     * Completes or undoes a swap that a crash interrupted. A rebuild directory is complete and
     * synced before the swap starts, so if the journal directory is gone the rebuild is the journal;
     * if both exist the swap never started and the rebuild is a partial copy.
     */
    static void finishInterruptedSwap(Path dir) throws IOException {
        Path rebuild = rebuildDir(dir);
        if (!Files.exists(rebuild)) {
            return;
        }
        if (Files.exists(dir)) {
            deleteRecursively(rebuild);
        } else {
            Files.move(rebuild, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        Fsync.directory(Fsync.parentOf(dir));
    }

    /** Moves {@code dir} aside as {@code <name>.torn-<time>} and the synced {@code rebuilt} into its place. */
    static Path swap(Path dir, Path rebuilt, Instant now) throws IOException {
        Path kept = sibling(dir, ".torn-" + STAMP.format(now));
        for (int n = 1; Files.exists(kept); n++) {
            kept = sibling(dir, ".torn-" + STAMP.format(now) + "-" + n);
        }
        Files.move(dir, kept, StandardCopyOption.ATOMIC_MOVE);
        Files.move(rebuilt, dir, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(Fsync.parentOf(dir));
        return kept;
    }

    /** fsync of every file in {@code dir}, then of {@code dir} itself. */
    static void syncTree(Path dir) throws IOException {
        for (Path f : list(dir)) {
            if (Files.isRegularFile(f)) {
                Fsync.file(f);
            }
        }
        Fsync.directory(dir);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    /** Creates {@code dir} (and syncs its parent) if it does not exist yet. */
    static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory", e);
        }
        Fsync.directory(Fsync.parentOf(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toList());
        }
    }

    private static Path sibling(Path dir, String suffix) {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + suffix);
    }
}
