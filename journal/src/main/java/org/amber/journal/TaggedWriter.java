package org.amber.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds one self-describing struct: a type name, then (field name, type tag, length, value)
 * entries, so that a reader can skip fields it does not know and default the ones it misses.
 * Not thread-safe; one writer per struct being encoded.
 */
final class TaggedWriter {
    static final byte NULL = 'N';
    static final byte BOOL = 'Z';
    static final byte INT = 'I';
    static final byte LONG = 'J';
    static final byte STRING = 'S';
    static final byte BYTES = 'B';
    static final byte INSTANT = 'T';
    static final byte INTS = 'A';
    static final byte MAP = 'M';
    static final byte STRUCT = 'O';
    static final byte LIST = 'L';

    private byte[] buf = new byte[128];
    private int pos;

    TaggedWriter(String type) {
        writeName(type);
    }

    TaggedWriter putBool(String name, boolean v) {
        field(name, BOOL, 1);
        return raw(v ? 1 : 0);
    }

    TaggedWriter putInt(String name, int v) {
        field(name, INT, 4);
        return rawInt(v);
    }

    TaggedWriter putLong(String name, long v) {
        field(name, LONG, 8);
        return rawLong(v);
    }

    TaggedWriter putString(String name, String v) {
        return v == null ? putNull(name) : putBytes(name, STRING, v.getBytes(StandardCharsets.UTF_8));
    }

    TaggedWriter putBytes(String name, byte[] v) {
        return putBytes(name, BYTES, v);
    }

    TaggedWriter putInstant(String name, Instant v) {
        if (v == null) {
            return putNull(name);
        }
        field(name, INSTANT, 12);
        rawLong(v.getEpochSecond());
        return rawInt(v.getNano());
    }

    TaggedWriter putInts(String name, int[] v) {
        field(name, INTS, 4 * v.length);
        for (int i : v) {
            rawInt(i);
        }
        return this;
    }

    /** Writes a string map; entries are (key, tagged value) so a null value survives the trip. */
    TaggedWriter putMap(String name, Map<String, String> map) {
        if (map.isEmpty()) {
            field(name, MAP, 1);
            return raw(0); // the varint 0: no entries
        }
        TaggedWriter body = new TaggedWriter();
        body.writeVarint(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            body.writeString(e.getKey());
            body.value(e.getValue());
        }
        return putContents(name, MAP, body);
    }

    TaggedWriter putStruct(String name, TaggedWriter struct) {
        return struct == null ? putNull(name) : putContents(name, STRUCT, struct);
    }

    TaggedWriter putStructList(String name, List<TaggedWriter> elements) {
        // Sized up front: a snapshot part lists a thousand keys, and growing it by doubling from 128 bytes copied it a dozen times.
        long size = 5;
        for (TaggedWriter e : elements) {
            size += 6 + e.pos;
        }
        TaggedWriter body = new TaggedWriter((int) Math.min(size, Integer.MAX_VALUE - 16));
        body.writeVarint(elements.size());
        for (TaggedWriter e : elements) {
            body.raw(STRUCT).writeVarint(e.pos).raw(e.buf, e.pos);
        }
        return putContents(name, LIST, body);
    }

    TaggedWriter putNull(String name) {
        field(name, NULL, 0);
        return this;
    }

    /** Bytes written so far. */
    int size() {
        return pos;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    /** Copies what has been written so far into {@code out} at {@code offset}. */
    void copyTo(byte[] out, int offset) {
        System.arraycopy(buf, 0, out, offset, pos);
    }

    private TaggedWriter() {
    }

    private TaggedWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    private void value(String v) {
        if (v == null) {
            raw(NULL).writeVarint(0);
        } else {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            raw(STRING).writeVarint(b.length).raw(b);
        }
    }

    private TaggedWriter putBytes(String name, byte tag, byte[] v) {
        field(name, tag, v.length);
        return raw(v);
    }

    /** A field whose value is what {@code w} has written so far (copied straight from its buffer). */
    private TaggedWriter putContents(String name, byte tag, TaggedWriter w) {
        field(name, tag, w.pos);
        return raw(w.buf, w.pos);
    }

    private void field(String name, byte tag, int length) {
        writeName(name);
        raw(tag).writeVarint(length);
    }

    private void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarint(b.length).raw(b);
    }

    /**
     * A field or type name: one of this codec's own ASCII literals, so each char is its UTF-8 byte and
     * is copied straight into the buffer (no byte[] per name per record).
     */
    @SuppressWarnings("deprecation")
    private void writeName(String name) {
        int n = name.length();
        writeVarint(n);
        ensure(n);
        name.getBytes(0, n, buf, pos);
        pos += n;
    }

    private TaggedWriter writeVarint(int v) {
        while ((v & ~0x7F) != 0) {
            raw((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        return raw(v);
    }

    private TaggedWriter rawInt(int v) {
        return raw(v >>> 24).raw(v >>> 16).raw(v >>> 8).raw(v);
    }

    private TaggedWriter rawLong(long v) {
        return rawInt((int) (v >>> 32)).rawInt((int) v);
    }

    private TaggedWriter raw(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
        return this;
    }

    private TaggedWriter raw(byte[] b) {
        return raw(b, b.length);
    }

    private TaggedWriter raw(byte[] b, int length) {
        ensure(length);
        System.arraycopy(b, 0, buf, pos, length);
        pos += length;
        return this;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
