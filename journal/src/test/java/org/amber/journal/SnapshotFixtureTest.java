package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.amber.lockd.Store;
import org.junit.jupiter.api.Test;

/** Snapshot format 1 as committed in fixtures/snapshot-v1.snap must restore to exactly the state it was written from. */
class SnapshotFixtureTest {
    @Test
    void formatV1SnapshotRestoresTheRecordedState() throws Exception {
        Path fixture = Path.of(SnapshotFixtureTest.class.getResource("/fixtures/snapshot-v1.snap").toURI());
        SnapshotFile.Contents c = SnapshotFile.read(fixture);
        assertEquals(400, c.journalIndex());
        assertEquals(400, c.image().lastSeq());
        java.util.List<String> expected = Files.readAllLines(
                Path.of(SnapshotFixtureTest.class.getResource("/fixtures/snapshot-v1.txt").toURI()), StandardCharsets.UTF_8);
        assertTrue(expected.size() > 100, "the fixture holds a real state");
        StateDump.assertEqual(expected, StateDump.of(Store.restore(c.image())), "snapshot-v1 fixture");
    }
}
