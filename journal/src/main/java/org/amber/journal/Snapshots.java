package org.amber.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.amber.lockd.StoreImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots directory. A snapshot only shortens replay: the journal stays the truth and is never
 * trimmed, so a missing, damaged or mismatched snapshot costs a full replay and nothing else.
 *
 * <p>Files are {@code state-<seq>.snap}. Each is written as a {@code .tmp}, fsynced, renamed, and the
 * directory fsynced, so a crash leaves either the whole new file or none. The newest {@link #KEEP} are
 * kept; one that fails its checks at load is renamed {@code .corrupt} (kept for inspection) and the
 * next older one is tried. Thread: one at a time (the start-up thread, then the snapshotting one).
 */
public final class Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    static final int KEEP = 2;
    private static final String PREFIX = "state-";
    private static final String SUFFIX = ".snap";

    /** A snapshot read back, with the versions it holds and its size. */
    public record Loaded(StoreImage image, long journalIndex, Path file, long versions, long bytes) {
    }

    /** A snapshot written: the versions it holds and its size. */
    public record Written(long versions, long bytes) {
    }

    private final Path dir;

    private Snapshots(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating if needed) the directory and removes what an interrupted write left. */
    public static Snapshots open(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path tmp : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                LOG.info("snapshots: removing {}, left by an interrupted write", tmp.getFileName());
                Files.delete(tmp);
            }
        }
        return new Snapshots(dir);
    }

    /**
     * Writes a snapshot of {@code image}, taken right after the journal record at {@code journalIndex}, and
     * removes all but the newest {@link #KEEP}.
     */
    public Written write(StoreImage image, long journalIndex) throws IOException {
        Path target = dir.resolve(String.format("%s%020d%s", PREFIX, image.lastSeq(), SUFFIX));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        long versions;
        try {
            versions = SnapshotFile.write(tmp, image, journalIndex);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        Fsync.directory(dir);
        List<Path> all = files();
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            Files.delete(old);
        }
        return new Written(versions, Files.size(target));
    }

    /** The newest snapshot that reads back whole, or empty when there is none. */
    public Optional<Loaded> loadNewest() throws IOException {
        for (Path f : files()) {
            try {
                SnapshotFile.Contents c = SnapshotFile.read(f);
                return Optional.of(new Loaded(c.image(), c.journalIndex(), f, c.versions(), Files.size(f)));
            } catch (CorruptRecordException | RuntimeException e) {
                LOG.warn("snapshots: {} is unusable ({}); trying an older one", f.getFileName(), e.toString());
                setAside(f);
            } catch (IOException e) {
                LOG.warn("snapshots: could not read {} ({}); trying an older one", f.getFileName(), e.toString());
            }
        }
        return Optional.empty();
    }

    /** Renames a snapshot that could not be used to {@code .corrupt}: never loaded again, kept for inspection. */
    public void setAside(Path file) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dir);
        LOG.warn("snapshots: {} set aside as {}", file.getFileName(), aside.getFileName());
    }

    /** Snapshot files, newest first. */
    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).toList());
            out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
            return out;
        }
    }
}
