package org.amber.lockd;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of a few strings in key order, as two arrays: a version's stored headers, user
 * metadata and tags. A million versions each holding an unmodifiable {@code TreeMap} of two headers
 * cost ≈160 MB in map nodes alone; this costs a quarter of that. Lookups are binary searches.
 */
final class SmallSortedMap extends AbstractMap<String, String> {
    private final String[] keys;
    private final String[] values;

    private SmallSortedMap(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An immutable copy of {@code m} in key order, its keys (and, where {@code sharedValue} says, values) canonical. */
    static Map<String, String> copyOf(Map<String, String> m, java.util.function.Predicate<String> sharedValue) {
        if (m.isEmpty()) {
            return Map.of();
        }
        if (m instanceof SmallSortedMap s) {
            return s;
        }
        String[] k = m.keySet().toArray(new String[0]);
        Arrays.sort(k);
        String[] v = new String[k.length];
        for (int i = 0; i < k.length; i++) {
            v[i] = m.get(k[i]);
            if (sharedValue.test(k[i])) {
                v[i] = SharedStrings.of(v[i]);
            }
            k[i] = SharedStrings.of(k[i]);
        }
        return new SmallSortedMap(k, v);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && Arrays.binarySearch(keys, s) >= 0;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String s)) {
            return null;
        }
        int i = Arrays.binarySearch(keys, s);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (i >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String> e = new SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
