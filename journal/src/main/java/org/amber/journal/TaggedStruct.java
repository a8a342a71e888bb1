package org.amber.journal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed self-describing struct (see {@link TaggedWriter}): its type name and its fields by
 * name. Getters return a default for a missing field and ignore fields nobody asks for, which is
 * how newer and older record formats stay readable. Immutable after parsing; confined to one thread.
 */
final class TaggedStruct {
    private record Value(byte tag, int offset, int length) {
    }

    private final byte[] bytes;
    private final String type;
    /**
     * Fields in the order written: names (canonical instances, see {@link Names}), tags, offsets and
     * lengths. A struct has a dozen fields at most, so a scan beats a hash map, and replaying a million
     * records allocates no map and no name string per field.
     */
    private String[] names = new String[16];
    private byte[] tags = new byte[16];
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int count;

    private TaggedStruct(byte[] bytes, String type) {
        this.bytes = bytes;
        this.type = type;
    }

    /** Parses the struct in {@code bytes[offset, offset+length)}. */
    static TaggedStruct parse(byte[] bytes, int offset, int length) throws CorruptRecordException {
        Cursor c = new Cursor(bytes, offset, offset + length);
        TaggedStruct s = new TaggedStruct(bytes, c.name());
        while (c.pos < c.end) {
            String name = c.name();
            byte tag = c.tag();
            int len = c.varint();
            c.need(len);
            if (s.index(name) >= 0) {
                throw new CorruptRecordException("field '" + name + "' appears twice in " + s.type);
            }
            s.add(name, tag, c.pos, len);
            c.pos += len;
        }
        return s;
    }

    private void add(String name, byte tag, int offset, int length) {
        if (count == names.length) {
            int n = count * 2;
            names = java.util.Arrays.copyOf(names, n);
            tags = java.util.Arrays.copyOf(tags, n);
            offsets = java.util.Arrays.copyOf(offsets, n);
            lengths = java.util.Arrays.copyOf(lengths, n);
        }
        names[count] = name;
        tags[count] = tag;
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    private int index(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < count; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    String type() {
        return type;
    }

    /** Whether the field was written at all (an explicit null counts as written). */
    boolean has(String name) {
        return index(name) >= 0;
    }

    boolean getBool(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.BOOL, 1);
        return v != null && bytes[v.offset] != 0;
    }

    int getInt(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.INT, 4);
        return v == null ? 0 : readInt(v.offset);
    }

    long getLong(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.LONG, 8);
        return v == null ? 0 : readLong(v.offset);
    }

    String getString(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.STRING, -1);
        return v == null ? null : new String(bytes, v.offset, v.length, StandardCharsets.UTF_8);
    }

    byte[] getBytes(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.BYTES, -1);
        return v == null ? new byte[0] : java.util.Arrays.copyOfRange(bytes, v.offset, v.offset + v.length);
    }

    Instant getInstant(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.INSTANT, 12);
        if (v == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(readLong(v.offset), readInt(v.offset + 8));
        } catch (DateTimeException e) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " is not an instant", e);
        }
    }

    int[] getInts(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.INTS, -1);
        if (v == null) {
            return new int[0];
        }
        if (v.length % 4 != 0) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " has a partial int");
        }
        int[] out = new int[v.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = readInt(v.offset + 4 * i);
        }
        return out;
    }

    Map<String, String> getMap(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.MAP, -1);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        Cursor c = new Cursor(bytes, v.offset, v.offset + v.length);
        for (int n = c.varint(); n > 0; n--) {
            String key = c.string();
            byte tag = c.tag();
            int len = c.varint();
            c.need(len);
            out.put(key, tag == TaggedWriter.NULL ? null : new String(bytes, c.pos, len, StandardCharsets.UTF_8));
            c.pos += len;
        }
        c.expectEnd(name);
        return out;
    }

    /** The nested struct, or null when the field is missing or null. */
    TaggedStruct getStruct(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.STRUCT, -1);
        return v == null ? null : parse(bytes, v.offset, v.length);
    }

    List<TaggedStruct> getStructList(String name) throws CorruptRecordException {
        Value v = get(name, TaggedWriter.LIST, -1);
        List<TaggedStruct> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Cursor c = new Cursor(bytes, v.offset, v.offset + v.length);
        for (int n = c.varint(); n > 0; n--) {
            byte tag = c.tag();
            int len = c.varint();
            c.need(len);
            if (tag != TaggedWriter.STRUCT) {
                throw new CorruptRecordException("list '" + name + "' of " + type + " holds a non-struct element");
            }
            out.add(parse(bytes, c.pos, len));
            c.pos += len;
        }
        c.expectEnd(name);
        return out;
    }

    /** The field's value, or null when missing or explicitly null; a different tag is corruption. */
    private Value get(String name, byte tag, int fixedLength) throws CorruptRecordException {
        int i = index(name);
        if (i < 0 || tags[i] == TaggedWriter.NULL) {
            return null;
        }
        Value v = new Value(tags[i], offsets[i], lengths[i]);
        if (v.tag != tag || (fixedLength >= 0 && v.length != fixedLength)) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " has tag '" + (char) v.tag
                    + "' length " + v.length + ", expected '" + (char) tag + "'");
        }
        return v;
    }

    private int readInt(int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
    }

    private long readLong(int at) {
        return (long) readInt(at) << 32 | (readInt(at + 4) & 0xFFFFFFFFL);
    }

    /** Bounds-checked reading position within one struct or collection body. */
    private static final class Cursor {
        final byte[] bytes;
        final int end;
        int pos;

        Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        int varint() throws CorruptRecordException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                need(1);
                byte b = bytes[pos++];
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    if (v < 0) {
                        break;
                    }
                    return v;
                }
            }
            throw new CorruptRecordException("malformed length at byte " + pos);
        }

        byte tag() throws CorruptRecordException {
            need(1);
            return bytes[pos++];
        }

        /** A field or type name: the same instance every time (names repeat in every record). */
        String name() throws CorruptRecordException {
            int len = varint();
            need(len);
            String s = Names.of(bytes, pos, len);
            pos += len;
            return s;
        }

        String string() throws CorruptRecordException {
            int len = varint();
            need(len);
            String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        void need(int n) throws CorruptRecordException {
            if (n < 0 || n > end - pos) {
                throw new CorruptRecordException("value of " + n + " bytes overruns its container at byte " + pos);
            }
        }

        void expectEnd(String name) throws CorruptRecordException {
            if (pos != end) {
                throw new CorruptRecordException("field '" + name + "' has " + (end - pos) + " trailing bytes");
            }
        }
    }

    /**
     * Field and type names, decoded once: a small table indexed by a hash of the bytes holds the
     * interned string (so that the getters' literals match by reference). A collision just decodes
     * again and replaces the slot. Safe to share: slots hold immutable strings.
     */
    static final class Names {
        private static final String[] TABLE = new String[1024];

        private Names() {
        }

        static String of(byte[] b, int off, int len) {
            int h = 1;
            for (int i = off; i < off + len; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 16)) & (TABLE.length - 1);
            String s = TABLE[slot];
            if (s != null && matches(s, b, off, len)) {
                return s;
            }
            s = new String(b, off, len, StandardCharsets.UTF_8).intern();
            TABLE[slot] = s;
            return s;
        }

        /** Names are ASCII; a name with other bytes never matches and is decoded each time. */
        private static boolean matches(String s, byte[] b, int off, int len) {
            if (s.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (s.charAt(i) != b[off + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
