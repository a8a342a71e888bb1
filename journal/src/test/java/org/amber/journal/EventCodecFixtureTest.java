package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amber.lockd.Account;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Versioning;
import org.amber.lockd.event.AccountCreated;
import org.amber.lockd.event.BucketDeleted;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.VersionStored;
import org.amber.lockd.event.VersioningChanged;
import org.junit.jupiter.api.Test;

/** Format 1 as committed in fixtures/records-v1.bin must decode to exactly what was written. */
class EventCodecFixtureTest {

    @Test
    void formatV1FixtureDecodesToTheRecordedValues() throws Exception {
        List<Object> entries = readFixture("/fixtures/records-v1.bin");
        List<String> expected = new String(resource("/fixtures/records-v1.txt").readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        assertEquals(expected.size(), entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(expected.get(i), Describe.of(entries.get(i)), "entry " + i);
        }
    }

    @Test
    void formatV1FixtureFieldValues() throws Exception {
        List<Object> entries = readFixture("/fixtures/records-v1.bin");
        assertEquals(7, entries.size());
        Recorded first = (Recorded) entries.get(0);
        assertEquals(1, first.seq());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), first.time());
        assertEquals("amber:system", first.context().principal());
        Account root = ((AccountCreated) first.events().get(0)).account();
        assertEquals("AKIAROOT0000000000", root.accessKeyId());
        assertTrue(root.root());
        assertEquals(40, root.sealedSecret().length);
        assertEquals((byte) -128, root.sealedSecret()[0]);
        assertEquals((byte) (39 * 37 - 128), root.sealedSecret()[39]);

        Recorded third = (Recorded) entries.get(2);
        ObjectVersion photo = ((VersionStored) third.events().get(0)).version();
        assertEquals("albums/cät 1.jpg", photo.key());
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 123_456_790), photo.lastModified());
        assertEquals(2_500_000, photo.blob().length());
        assertEquals(0x89ABCDEF, photo.blob().crc32c());
        assertArrayEquals(new int[] {0x01020304, -1, 0x7FFFFFFF}, photo.blob().chunkCrcs());
        assertEquals("nikon ü", photo.meta().userMetadata().get("camera"));
        assertEquals("", photo.meta().userMetadata().get("empty"));
        assertEquals("gzip", photo.meta().headers().get("content-encoding"));

        ObjectVersion marker = ((VersionStored) ((Recorded) entries.get(3)).events().get(0)).version();
        assertTrue(marker.deleteMarker());
        assertNull(marker.blob());
        assertNull(marker.etag());
        assertEquals(new CleanShutdown(4, Instant.ofEpochSecond(1_700_000_004L, 623_456_789)), entries.get(4));
        assertEquals(Versioning.SUSPENDED, ((VersioningChanged) ((Recorded) entries.get(5)).events().get(1)).status());
        assertEquals(new BucketDeleted("photos"), ((Recorded) entries.get(6)).events().get(1));
    }

    private static List<Object> readFixture(String name) throws IOException, CorruptRecordException {
        List<Object> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(resource(name))) {
            while (in.available() > 0) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                out.add(EventCodec.decodeEntry(frame));
            }
        }
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = EventCodecFixtureTest.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
