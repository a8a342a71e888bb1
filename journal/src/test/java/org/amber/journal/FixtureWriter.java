package org.amber.journal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.amber.lockd.event.Recorded;

/**
 * Writes the format fixture once: {@code records-<v>.bin} (each frame as a 4-byte big-endian
 * length then the frame) and {@code records-<v>.txt} (the decoded entries, one line each). The
 * files are committed and never regenerated; a new format version gets new files.
 * Usage: {@code FixtureWriter <dir> v1}.
 *
 * <p>{@code FixtureWriter <dir> snapshot-v1} writes the snapshot format's fixture the same way:
 * {@code snapshot-v1.snap} (a state built from a fixed random history) and {@code snapshot-v1.txt}
 * (that state's {@link StateDump}).
 */
public final class FixtureWriter {
    private FixtureWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        String version = args[1];
        if ("snapshot-v1".equals(version)) {
            org.amber.lockd.Store s = SnapshotsTest.apply(new org.amber.lockd.Store(), SnapshotsTest.validHistory(new java.util.Random(11), 400));
            SnapshotFile.write(dir.resolve("snapshot-v1.snap"), s.image(), 400);
            Files.write(dir.resolve("snapshot-v1.txt"), StateDump.of(s), StandardCharsets.UTF_8);
            return;
        }
        if (!"v1".equals(version)) {
            throw new IllegalArgumentException("this codec writes format v1 only");
        }
        List<String> lines = new ArrayList<>();
        try (OutputStream file = Files.newOutputStream(dir.resolve("records-" + version + ".bin"));
             DataOutputStream out = new DataOutputStream(file)) {
            for (Object entry : SampleRecords.fixtureV1()) {
                byte[] frame = entry instanceof Recorded ? EventCodec.encode((Recorded) entry)
                        : EventCodec.encodeCleanShutdown((CleanShutdown) entry);
                out.writeInt(frame.length);
                out.write(frame);
                lines.add(Describe.of(entry));
            }
        }
        Files.write(dir.resolve("records-" + version + ".txt"), lines, StandardCharsets.UTF_8);
    }
}
