package org.amber.bench.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.io.IOTools;
import org.amber.journal.Journal;
import org.amber.lockd.event.Recorded;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The journal's group commit, as the daemon's persist stage does it at the end of each batch
 * ({@code Pipeline.Persist}): {@link Journal#append} of {@code batch} records, then one
 * {@link Journal#sync} (msync MS_SYNC of what was appended). One op is one whole batch; divide by
 * {@code batch} for the cost per record. The sync is what a PUT waits for before its 200, so this
 * bounds commit latency, and how it amortises over the batch bounds write throughput. (The fdatasync of
 * the batch's blob segments, which the persist stage does first, is not included.)
 *
 * <p>Records are {@link CodecBench#versionStored}'s PutObject record with a fresh sequence number each
 * (the journal requires them consecutive), so each append includes its encoding. Each trial opens a new
 * journal in a fresh directory under {@code java.io.tmpdir}, deleted afterwards: the sync's cost is that
 * of the file system there, so point it at the disk to measure, e.g.
 * {@code -jvmArgsPrepend -Djava.io.tmpdir=/var/lib/amber/tmp} (tmpfs would make the sync nearly free).
 * Not {@code -jvmArgsAppend}: on the command line it replaces the {@link Flags} below, and the trial
 * then fails at once. Each record is about 0.9 KiB on disk, so a default trial at batch 256 can write
 * over a GiB before its directory is deleted.
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Flags.EXPORTS_MISC, Flags.EXPORTS_REF, Flags.EXPORTS_UTIL, Flags.EXPORTS_NIO_CH,
        Flags.EXPORTS_SUN_MISC, Flags.OPENS_IO, Flags.OPENS_LANG, Flags.OPENS_REFLECT, Flags.OPENS_UTIL, Flags.OPENS_NIO,
        Flags.NO_ANALYTICS, Flags.NO_ANNOUNCER})
public class JournalAppendBench extends MicroBench {
    /** Records appended per sync: the size of the group commit. */
    @Param({"1", "8", "64", "256"})
    public int batch;

    private Path dir;
    private Journal journal;
    private Recorded template;
    private long seq;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Flags.requireChronicleFlags();
        dir = Files.createTempDirectory("amber-jmh-journal-");
        journal = Journal.open(dir.resolve("journal"));
        journal.replay(r -> {
            throw new IllegalStateException("a fresh journal replayed a record");
        });
        template = CodecBench.versionStored(1);
        seq = 0;
    }

    @TearDown(Level.Trial)
    public void close() {
        if (journal != null) {
            journal.close();
        }
        if (dir != null) {
            IOTools.deleteDirWithFilesOrThrow(dir.toFile());
        }
    }

    /** Appends {@code batch} records and syncs once; returns the last sequence written. */
    @Benchmark
    public long appendBatchAndSync() throws IOException {
        for (int i = 0; i < batch; i++) {
            journal.append(new Recorded(++seq, template.time(), template.context(), template.events()));
        }
        journal.sync();
        return seq;
    }
}
