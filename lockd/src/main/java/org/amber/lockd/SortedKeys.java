package org.amber.lockd;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * Keys' versions already in UTF-8 key order, seen as the sorted map that
 * {@link java.util.concurrent.ConcurrentSkipListMap#ConcurrentSkipListMap(SortedMap)} builds from in one
 * linear pass. It checks the order as it goes: a skip list built from unsorted input would silently
 * lose keys. Only what that constructor uses is supported. Single use, by the building thread.
 */
final class SortedKeys extends AbstractMap<String, KeyVersions> implements SortedMap<String, KeyVersions> {
    private final List<KeyVersions> sorted;

    SortedKeys(List<KeyVersions> sorted) {
        this.sorted = sorted;
    }

    @Override
    public Comparator<? super String> comparator() {
        return KeyOrder.UTF8;
    }

    @Override
    public Set<Entry<String, KeyVersions>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, KeyVersions>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private String previous;

                    @Override
                    public boolean hasNext() {
                        return next < sorted.size();
                    }

                    @Override
                    public Entry<String, KeyVersions> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        KeyVersions kv = sorted.get(next++);
                        String key = kv.latest().key();
                        if (previous != null && KeyOrder.UTF8.compare(previous, key) >= 0) {
                            throw new IllegalArgumentException("keys out of order: '" + key + "' after '" + previous + "'");
                        }
                        previous = key;
                        return Map.entry(key, kv);
                    }
                };
            }

            @Override
            public int size() {
                return sorted.size();
            }
        };
    }

    @Override
    public String firstKey() {
        return sorted.get(0).latest().key();
    }

    @Override
    public String lastKey() {
        return sorted.get(sorted.size() - 1).latest().key();
    }

    @Override
    public SortedMap<String, KeyVersions> subMap(String fromKey, String toKey) {
        throw new UnsupportedOperationException("only for building a skip list");
    }

    @Override
    public SortedMap<String, KeyVersions> headMap(String toKey) {
        throw new UnsupportedOperationException("only for building a skip list");
    }

    @Override
    public SortedMap<String, KeyVersions> tailMap(String fromKey) {
        throw new UnsupportedOperationException("only for building a skip list");
    }
}
