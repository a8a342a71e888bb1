package org.amber.s3.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.amber.lockd.KeyVersions;
import org.amber.lockd.ObjectVersion;

/**
 * S3's listing semantics over a bucket's keys, pure: prefix, delimiter (common prefixes), a
 * start position, and a page of at most {@code maxKeys} entries, where each common prefix counts
 * as one entry. Used by ListObjects (v1), ListObjectsV2, ListObjectVersions and ListMultipartUploads.
 */
public final class Listing {
    private Listing() {
    }

    /** One page of current objects (keys whose newest version is not a delete marker). */
    public record ObjectPage(List<ObjectVersion> objects, List<String> commonPrefixes, boolean truncated, String last) {
    }

    /** One page of versions and delete markers, key ascending then newest first. */
    public record VersionPage(List<ObjectVersion> versions, List<String> commonPrefixes, boolean truncated,
                              String nextKeyMarker, String nextVersionIdMarker) {
    }

    /**
     * Current objects after {@code after} (exclusive; null for the start). If {@code after} is a
     * common prefix of this listing, every key under it is skipped too.
     */
    public static ObjectPage objects(NavigableMap<String, KeyVersions> keys, String prefix, String delimiter,
                                     String after, int maxKeys) {
        List<ObjectVersion> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        String skipUnder = isCommonPrefix(after, prefix, delimiter) ? after : null;
        for (Map.Entry<String, KeyVersions> e : range(keys, prefix, after).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            if ((skipUnder != null && key.startsWith(skipUnder)) || e.getValue().latest().deleteMarker()) {
                continue;
            }
            String cp = commonPrefix(key, prefix, delimiter);
            if (cp != null && cp.equals(last)) {
                continue;
            }
            if (out.size() + prefixes.size() >= maxKeys) {
                return new ObjectPage(out, prefixes, true, last);
            }
            if (cp != null) {
                prefixes.add(cp);
                last = cp;
            } else {
                out.add(e.getValue().latest());
                last = key;
            }
        }
        return new ObjectPage(out, prefixes, false, last);
    }

    /**
     * Versions after ({@code keyMarker}, {@code versionIdMarker}): with a version id marker, the
     * rest of that key's versions follow it; without one, the marker key is skipped entirely.
     */
    public static VersionPage versions(NavigableMap<String, KeyVersions> keys, String prefix, String delimiter,
                                       String keyMarker, String versionIdMarker, int maxKeys) {
        NestedPage<ObjectVersion> p = nested(keys, KeyVersions::newestFirst, ObjectVersion::versionId, prefix, delimiter,
                keyMarker, versionIdMarker, maxKeys);
        return new VersionPage(p.entries(), p.commonPrefixes(), p.truncated(), p.nextKeyMarker(), p.nextIdMarker());
    }

    /** One page of entries, several of which may share a key (versions, multipart uploads). */
    public record NestedPage<T>(List<T> entries, List<String> commonPrefixes, boolean truncated, String nextKeyMarker,
                                String nextIdMarker) {
    }

    /**
     * Entries of each key in the order {@code entriesOf} gives, after ({@code keyMarker}, {@code idMarker}):
     * with an id marker, the rest of that key's entries follow it; without one, the marker key is skipped
     * entirely. ListObjectVersions (version-id-marker) and ListMultipartUploads (upload-id-marker) page so.
     */
    public static <V, T> NestedPage<T> nested(NavigableMap<String, V> keys, java.util.function.Function<V, List<T>> entriesOf,
                                              java.util.function.Function<T, String> idOf, String prefix, String delimiter,
                                              String keyMarker, String idMarker, int maxKeys) {
        List<T> out = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastId = null;
        String skipUnder = isCommonPrefix(keyMarker, prefix, delimiter) ? keyMarker : null;
        boolean resumeInKey = keyMarker != null && idMarker != null && skipUnder == null
                && org.amber.lockd.KeyOrder.compare(keyMarker, prefix) >= 0;
        NavigableMap<String, V> from = resumeInKey ? keys.tailMap(keyMarker, true) : range(keys, prefix, keyMarker);
        for (Map.Entry<String, V> e : from.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            if (skipUnder != null && key.startsWith(skipUnder)) {
                continue;
            }
            String cp = commonPrefix(key, prefix, delimiter);
            if (cp != null) {
                if (cp.equals(lastKey)) {
                    continue;
                }
                if (out.size() + prefixes.size() >= maxKeys) {
                    return new NestedPage<>(out, prefixes, true, lastKey, lastId);
                }
                prefixes.add(cp);
                lastKey = cp;
                lastId = null;
                continue;
            }
            boolean resume = key.equals(keyMarker) && idMarker != null;
            boolean started = !resume;
            for (T v : entriesOf.apply(e.getValue())) {
                if (!started) {
                    started = idOf.apply(v).equals(idMarker);
                    continue;
                }
                if (out.size() + prefixes.size() >= maxKeys) {
                    return new NestedPage<>(out, prefixes, true, lastKey, lastId);
                }
                out.add(v);
                lastKey = key;
                lastId = idOf.apply(v);
            }
        }
        return new NestedPage<>(out, prefixes, false, null, null);
    }

    private static <V> NavigableMap<String, V> range(NavigableMap<String, V> keys, String prefix, String after) {
        NavigableMap<String, V> m = keys.tailMap(prefix, true);
        if (after != null && org.amber.lockd.KeyOrder.compare(after, prefix) >= 0) {
            m = keys.tailMap(after, false);
        }
        return m;
    }

    /** The common prefix {@code key} rolls up into, or null. */
    static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            return null;
        }
        int i = key.indexOf(delimiter, prefix.length());
        return i < 0 ? null : key.substring(0, i + delimiter.length());
    }

    private static boolean isCommonPrefix(String marker, String prefix, String delimiter) {
        return marker != null && marker.startsWith(prefix) && marker.equals(commonPrefix(marker, prefix, delimiter));
    }
}
