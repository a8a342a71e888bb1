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
    private final byte[] bytes;
    private final String type;
    /**
     * Fields in the order written: names (canonical instances, see {@link Names}), tags, offsets and
     * lengths, in arrays of exactly the struct's field count (counted before they are filled: replay
     * parses several structs per record, and their garbage was a third of what replay allocated). A
     * struct has a dozen fields at most, so a scan beats a hash map, and replaying a million records
     * allocates no map and no name string per field.
     */
    private final String[] names;
    private final byte[] tags;
    private final int[] offsets;
    private final int[] lengths;
    private int count;

    private TaggedStruct(byte[] bytes, String type, int fields) {
        this.bytes = bytes;
        this.type = type;
        this.names = new String[fields];
        this.tags = new byte[fields];
        this.offsets = new int[fields];
        this.lengths = new int[fields];
    }

    /** Parses the struct in {@code bytes[offset, offset+length)}. */
    static TaggedStruct parse(byte[] bytes, int offset, int length) throws CorruptRecordException {
        Cursor c = new Cursor(bytes, offset, offset + length);
        String type = c.name();
        int fieldsStart = c.pos;
        int fields = 0;
        while (c.pos < c.end) {
            c.skip(c.varint()); // the name
            c.tag();
            c.skip(c.varint()); // the value
            fields++;
        }
        c.pos = fieldsStart;
        TaggedStruct s = new TaggedStruct(bytes, type, fields);
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
        int v = field(name, TaggedWriter.BOOL, 1);
        return v >= 0 && bytes[offsets[v]] != 0;
    }

    int getInt(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.INT, 4);
        return v < 0 ? 0 : readInt(offsets[v]);
    }

    long getLong(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.LONG, 8);
        return v < 0 ? 0 : readLong(offsets[v]);
    }

    String getString(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.STRING, -1);
        return v < 0 ? null : new String(bytes, offsets[v], lengths[v], StandardCharsets.UTF_8);
    }

    byte[] getBytes(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.BYTES, -1);
        return v < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, offsets[v], offsets[v] + lengths[v]);
    }

    Instant getInstant(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.INSTANT, 12);
        if (v < 0) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(readLong(offsets[v]), readInt(offsets[v] + 8));
        } catch (DateTimeException e) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " is not an instant", e);
        }
    }

    int[] getInts(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.INTS, -1);
        if (v < 0) {
            return new int[0];
        }
        if (lengths[v] % 4 != 0) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " has a partial int");
        }
        int[] out = new int[lengths[v] / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = readInt(offsets[v] + 4 * i);
        }
        return out;
    }

    Map<String, String> getMap(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.MAP, -1);
        Map<String, String> out = new LinkedHashMap<>();
        if (v < 0) {
            return out;
        }
        Cursor c = new Cursor(bytes, offsets[v], offsets[v] + lengths[v]);
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
        int v = field(name, TaggedWriter.STRUCT, -1);
        return v < 0 ? null : parse(bytes, offsets[v], lengths[v]);
    }

    List<TaggedStruct> getStructList(String name) throws CorruptRecordException {
        int v = field(name, TaggedWriter.LIST, -1);
        List<TaggedStruct> out = new ArrayList<>();
        if (v < 0) {
            return out;
        }
        Cursor c = new Cursor(bytes, offsets[v], offsets[v] + lengths[v]);
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

    /** The field's index, or -1 when missing or explicitly null; a different tag is corruption. */
    private int field(String name, byte tag, int fixedLength) throws CorruptRecordException {
        int i = index(name);
        if (i < 0 || tags[i] == TaggedWriter.NULL) {
            return -1;
        }
        if (tags[i] != tag || (fixedLength >= 0 && lengths[i] != fixedLength)) {
            throw new CorruptRecordException("field '" + name + "' of " + type + " has tag '" + (char) tags[i]
                    + "' length " + lengths[i] + ", expected '" + (char) tag + "'");
        }
        return i;
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

        void skip(int n) throws CorruptRecordException {
            need(n);
            pos += n;
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
