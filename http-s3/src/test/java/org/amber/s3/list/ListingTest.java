package org.amber.s3.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.amber.lockd.KeyOrder;
import org.amber.lockd.KeyVersions;
import org.amber.lockd.ObjectMeta;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging through a listing gives exactly what one straightforward pass over all keys gives. */
class ListingTest {
    static ObjectVersion version(String key, long seq, boolean marker) {
        return marker ? ObjectVersion.deleteMarker(key, VersionIds.of(seq), seq, Instant.EPOCH, "o")
                : new ObjectVersion(key, VersionIds.of(seq), seq, false, Instant.EPOCH, 1, "e", null, ObjectMeta.NONE, "o");
    }

    static ConcurrentSkipListMap<String, KeyVersions> bucket(Random r, int n) {
        String[] parts = {"a", "b", "ü", "dir", "x y", "😀", "+", "%"};
        ConcurrentSkipListMap<String, KeyVersions> keys = new ConcurrentSkipListMap<>(KeyOrder.UTF8);
        long seq = 1;
        for (int i = 0; i < n; i++) {
            StringBuilder k = new StringBuilder();
            for (int d = r.nextInt(4); d >= 0; d--) {
                k.append(parts[r.nextInt(parts.length)]).append(r.nextBoolean() ? "/" : "-");
            }
            k.append(i);
            List<ObjectVersion> vs = new ArrayList<>();
            for (int v = r.nextInt(3); v >= 0; v--) {
                vs.add(0, version(k.toString(), seq++, r.nextInt(5) == 0));
            }
            keys.put(k.toString(), new KeyVersions(vs));
        }
        return keys;
    }

    /** The model: every live key or its common prefix, in order, deduplicated. */
    static List<String> modelObjects(TreeMap<String, KeyVersions> keys, String prefix, String delim) {
        List<String> out = new ArrayList<>();
        for (var e : keys.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(prefix) || e.getValue().latest().deleteMarker()) {
                continue;
            }
            int i = delim == null ? -1 : k.indexOf(delim, prefix.length());
            String item = i < 0 ? k : k.substring(0, i + delim.length()) + "\u0000cp";
            if (out.isEmpty() || !out.get(out.size() - 1).equals(item)) {
                out.add(item);
            }
        }
        return out;
    }

    static List<String> modelVersions(TreeMap<String, KeyVersions> keys, String prefix, String delim) {
        List<String> out = new ArrayList<>();
        for (var e : keys.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(prefix)) {
                continue;
            }
            int i = delim == null ? -1 : k.indexOf(delim, prefix.length());
            if (i >= 0) {
                String cp = k.substring(0, i + delim.length()) + "\u0000cp";
                if (out.isEmpty() || !out.get(out.size() - 1).equals(cp)) {
                    out.add(cp);
                }
                continue;
            }
            e.getValue().newestFirst().forEach(v -> out.add(k + "@" + v.versionId()));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 50, 1000})
    void pagedObjectsMatchTheModel(int pageSize) {
        Random r = new Random(pageSize);
        ConcurrentSkipListMap<String, KeyVersions> keys = bucket(r, 600);
        TreeMap<String, KeyVersions> model = new TreeMap<>(KeyOrder.UTF8);
        model.putAll(keys);
        for (String prefix : List.of("", "a", "a/", "dir/", "ü/")) {
            for (String delim : new String[] {null, "/", "-", "/b"}) {
                List<String> got = new ArrayList<>();
                String after = null;
                Listing.ObjectPage page;
                do {
                    page = Listing.objects(keys, prefix, delim, after, pageSize);
                    page.objects().forEach(v -> got.add(v.key()));
                    page.commonPrefixes().forEach(cp -> got.add(cp + "\u0000cp"));
                    got.sort(null);
                    after = page.last();
                } while (page.truncated());
                List<String> want = new ArrayList<>(modelObjects(model, prefix, delim));
                want.sort(null);
                assertEquals(want, got, "prefix=" + prefix + " delimiter=" + delim + " page=" + pageSize);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 1000})
    void pagedVersionsMatchTheModel(int pageSize) {
        Random r = new Random(100 + pageSize);
        ConcurrentSkipListMap<String, KeyVersions> keys = bucket(r, 400);
        TreeMap<String, KeyVersions> model = new TreeMap<>(KeyOrder.UTF8);
        model.putAll(keys);
        for (String prefix : List.of("", "b", "x y/")) {
            for (String delim : new String[] {null, "/"}) {
                List<String> got = new ArrayList<>();
                String keyMarker = null;
                String versionMarker = null;
                Listing.VersionPage page;
                do {
                    page = Listing.versions(keys, prefix, delim, keyMarker, versionMarker, pageSize);
                    page.versions().forEach(v -> got.add(v.key() + "@" + v.versionId()));
                    page.commonPrefixes().forEach(cp -> got.add(cp + "\u0000cp"));
                    keyMarker = page.nextKeyMarker();
                    versionMarker = page.nextVersionIdMarker();
                } while (page.truncated());
                List<String> want = modelVersions(model, prefix, delim);
                got.sort(KeyOrder.UTF8);
                want.sort(KeyOrder.UTF8);
                assertEquals(want, got, "prefix=" + prefix + " delimiter=" + delim + " page=" + pageSize);
            }
        }
    }
}
