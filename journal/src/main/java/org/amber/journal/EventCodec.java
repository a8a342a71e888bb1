package org.amber.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.amber.lockd.event.Recorded;

/**
 * The journal's record codec: a 4-byte CRC32C of the rest, a format version byte, then a
 * self-describing field-tagged payload ({@link TaggedWriter}). Every format version ever written
 * stays decodable. Stateless; any thread.
 */
public final class EventCodec {
    /** The format this codec writes. Version 1: the tagged struct layout of {@link TaggedWriter}. */
    static final byte FORMAT_VERSION = 1;
    /** Largest frame accepted either way; larger is a bug when encoding and corruption when decoding. */
    static final int MAX_FRAME_BYTES = 16 << 20;
    static final int HEADER_BYTES = 5;

    private EventCodec() {
    }

    /** Encodes one record as a checksummed, versioned frame. */
    public static byte[] encode(Recorded r) {
        return frame(EventEncoder.recorded(r));
    }

    /** Decodes a frame written by {@link #encode} in any format version. */
    public static Recorded decode(byte[] bytes) throws CorruptRecordException {
        Object entry = decodeEntry(bytes);
        if (!(entry instanceof Recorded)) {
            throw new CorruptRecordException("frame holds a " + entry.getClass().getSimpleName() + ", not a Recorded");
        }
        return (Recorded) entry;
    }

    static byte[] encodeCleanShutdown(CleanShutdown marker) {
        return frame(EventEncoder.cleanShutdown(marker));
    }

    /** Decodes a frame into a {@link Recorded} or a {@link CleanShutdown}. */
    static Object decodeEntry(byte[] bytes) throws CorruptRecordException {
        return decode(bytes, EventDecoder::entry);
    }

    /** Frames any struct as a record is framed (a snapshot's parts are). */
    static byte[] frame(TaggedWriter struct) {
        byte[] out = header(struct.size());
        struct.copyTo(out, HEADER_BYTES);
        return seal(out);
    }

    /** How a struct becomes a value; a runtime exception counts as corruption. */
    @FunctionalInterface
    interface StructReader<T> {
        T read(TaggedStruct s) throws CorruptRecordException;
    }

    /** Checks a frame written by {@link #frame(TaggedWriter)} and reads the struct in it. */
    static <T> T decode(byte[] bytes, StructReader<T> reader) throws CorruptRecordException {
        checkFrame(bytes, 0, bytes.length);
        try {
            return reader.read(TaggedStruct.parse(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES));
        } catch (RuntimeException e) {
            throw new CorruptRecordException("frame does not describe a valid entry: " + e, e);
        }
    }

    /** Whether {@code bytes[offset, offset+length)} is an intact frame of a known format version. */
    static boolean isIntactFrame(byte[] bytes, int offset, int length) {
        try {
            checkFrame(bytes, offset, length);
            return true;
        } catch (CorruptRecordException e) {
            return false;
        }
    }

    private static void checkFrame(byte[] bytes, int offset, int length) throws CorruptRecordException {
        if (length < HEADER_BYTES || length > MAX_FRAME_BYTES) {
            throw new CorruptRecordException("frame of " + length + " bytes is outside [" + HEADER_BYTES + ", " + MAX_FRAME_BYTES + "]");
        }
        int stored = ByteBuffer.wrap(bytes, offset, 4).getInt();
        int actual = crc(bytes, offset + 4, length - 4);
        if (stored != actual) {
            throw new CorruptRecordException(String.format("checksum mismatch: stored %08x, computed %08x", stored, actual));
        }
        byte version = bytes[offset + 4];
        if (version != FORMAT_VERSION) {
            throw new CorruptRecordException("unknown format version " + version);
        }
    }

    /** A frame for a payload of {@code payloadLength} bytes, all but the payload and the checksum filled in. */
    private static byte[] header(int payloadLength) {
        if (payloadLength > MAX_FRAME_BYTES - HEADER_BYTES) {
            throw new IllegalArgumentException("record of " + payloadLength + " bytes exceeds " + MAX_FRAME_BYTES);
        }
        byte[] out = new byte[HEADER_BYTES + payloadLength];
        out[4] = FORMAT_VERSION;
        return out;
    }

    /** Sets the checksum of a frame whose payload is in place. */
    private static byte[] seal(byte[] frame) {
        ByteBuffer.wrap(frame).putInt(0, crc(frame, 4, frame.length - 4));
        return frame;
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
