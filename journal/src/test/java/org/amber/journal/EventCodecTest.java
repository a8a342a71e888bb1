package org.amber.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.amber.lockd.BlobRef;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.RequestContext;
import org.amber.lockd.event.Event;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.VersionStored;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void everyEventTypeRoundTrips() throws Exception {
        for (Object entry : SampleRecords.fixtureV1()) {
            if (entry instanceof Recorded) {
                Recorded r = (Recorded) entry;
                for (Event e : r.events()) {
                    Recorded single = new Recorded(r.seq(), r.time(), r.context(), List.of(e));
                    assertEquals(Describe.of(single), Describe.of(EventCodec.decode(EventCodec.encode(single))));
                }
                assertEquals(Describe.of(r), Describe.of(EventCodec.decode(EventCodec.encode(r))));
            } else {
                assertEquals(entry, EventCodec.decodeEntry(EventCodec.encodeCleanShutdown((CleanShutdown) entry)));
            }
        }
    }

    @Test
    void randomRecordsRoundTrip() throws Exception {
        Random rnd = new Random(42);
        for (long seq = 1; seq <= 2_000; seq++) {
            Recorded r = SampleRecords.random(rnd, seq);
            assertEquals(Describe.of(r), Describe.of(EventCodec.decode(EventCodec.encode(r))));
        }
    }

    @Test
    void nullsAndEmptiesRoundTrip() throws Exception {
        Recorded r = new Recorded(9, Instant.ofEpochSecond(-5, 1), null, List.of());
        assertEquals(Describe.of(r), Describe.of(EventCodec.decode(EventCodec.encode(r))));
        Recorded nullMeta = new Recorded(10, null, RequestContext.system(null), List.of(new VersionStored(null,
                new org.amber.lockd.ObjectVersion("k", "v", 10, false, null, 0, null, null, null, null))));
        assertEquals(Describe.of(nullMeta), Describe.of(EventCodec.decode(EventCodec.encode(nullMeta))));
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] frame = EventCodec.encode((Recorded) SampleRecords.fixtureV1().get(2));
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] copy = frame.clone();
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(CorruptRecordException.class, () -> EventCodec.decode(copy), "bit " + bit);
        }
    }

    @Test
    void truncatedAndEmptyFramesAreCorrupt() {
        byte[] frame = EventCodec.encode((Recorded) SampleRecords.fixtureV1().get(1));
        for (int len = 0; len < frame.length; len++) {
            byte[] prefix = Arrays.copyOf(frame, len);
            assertThrows(CorruptRecordException.class, () -> EventCodec.decode(prefix), "length " + len);
        }
    }

    @Test
    void unknownFormatVersionIsRefusedEvenWithAGoodChecksum() {
        byte[] frame = EventCodec.encode((Recorded) SampleRecords.fixtureV1().get(0));
        frame[4] = 2;
        reseal(frame);
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> EventCodec.decode(frame));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void unknownFieldsAreSkippedAndMissingOnesDefaulted() throws Exception {
        TaggedWriter blob = new TaggedWriter("BlobRef").putLong("segment", 3).putLong("length", 5)
                .putInts("chunkCrcs", new int[] {77}).putString("addedInV9", "ignored");
        TaggedWriter version = new TaggedWriter("ObjectVersion").putString("key", "k").putStruct("blob", blob)
                .putStructList("someFutureList", List.of(new TaggedWriter("Whatever")));
        TaggedWriter event = new TaggedWriter("VersionStored").putString("bucket", "b").putStruct("version", version);
        TaggedWriter recorded = new TaggedWriter("Recorded").putLong("seq", 12).putBytes("futureBlob", new byte[] {9})
                .putStructList("events", List.of(event));
        Recorded r = EventCodec.decode(frame(recorded.toBytes()));
        assertEquals(12, r.seq());
        assertNull(r.time());
        assertNull(r.context());
        VersionStored v = (VersionStored) r.events().get(0);
        assertEquals("k", v.version().key());
        assertEquals(ObjectMeta.NONE, v.version().meta());
        assertEquals(new BlobRef(3, 0, 5, 0, new int[] {77}), v.version().blob());
    }

    @Test
    void aFieldOfTheWrongTypeIsCorrupt() {
        byte[] frame = frame(new TaggedWriter("Recorded").putString("seq", "twelve").toBytes());
        assertThrows(CorruptRecordException.class, () -> EventCodec.decode(frame));
    }

    @Test
    void unknownEventTypeIsCorrupt() {
        TaggedWriter recorded = new TaggedWriter("Recorded").putLong("seq", 1)
                .putStructList("events", List.of(new TaggedWriter("BucketRenamed")));
        CorruptRecordException e = assertThrows(CorruptRecordException.class, () -> EventCodec.decode(frame(recorded.toBytes())));
        assertTrue(e.getMessage().contains("BucketRenamed"), e.getMessage());
    }

    @Test
    void aMarkerIsNotARecord() {
        byte[] frame = EventCodec.encodeCleanShutdown(new CleanShutdown(3, SampleRecords.T0));
        assertThrows(CorruptRecordException.class, () -> EventCodec.decode(frame));
    }

    @Test
    void encodingIsDeterministic() {
        Recorded r = (Recorded) SampleRecords.fixtureV1().get(2);
        assertArrayEquals(EventCodec.encode(r), EventCodec.encode(r));
        Map<String, String> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(Map.of("a", "1", "b", "2"));
        assertEquals(new ObjectMeta(null, reversed, Map.of()), new ObjectMeta(null, Map.of("b", "2", "a", "1"), Map.of()));
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[payload.length + 5];
        frame[4] = EventCodec.FORMAT_VERSION;
        System.arraycopy(payload, 0, frame, 5, payload.length);
        reseal(frame);
        return frame;
    }

    private static void reseal(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 4, frame.length - 4);
        ByteBuffer.wrap(frame).putInt(0, (int) crc.getValue());
    }
}
