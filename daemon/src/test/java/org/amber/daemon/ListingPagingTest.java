package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amber.lockd.KeyOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Listing paging end to end: 5,000 keys with random prefixes (some with several versions, some
 * deleted), paged through ListObjects v1, ListObjectsV2 and ListObjectVersions at several page sizes,
 * prefixes and delimiters, and compared with a straightforward model of what was written.
 */
class ListingPagingTest {
    static final int KEYS = 5000;
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static S3Client s3;
    /** key -> its versions' ids, newest first; "DM:" marks a delete marker. */
    static final Map<String, List<String>> model = new ConcurrentHashMap<>();

    @BeforeAll
    static void write() throws Exception {
        s3 = amber.client();
        s3.createBucket(b -> b.bucket("paging"));
        s3.putBucketVersioning(b -> b.bucket("paging").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String[] parts = {"a", "b", "ü", "logs", "x y", "2026", "😀", "+", "%"};
        Random r = new Random(5000);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            StringBuilder k = new StringBuilder();
            for (int d = r.nextInt(4); d > 0; d--) {
                k.append(parts[r.nextInt(parts.length)]).append(r.nextInt(3) == 0 ? "-" : "/");
            }
            keys.add(k.append(i).toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int start = t;
            done.add(pool.submit(() -> {
                for (int i = start; i < KEYS; i += 16) {
                    write(keys.get(i), i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    /** One or two versions, and for every tenth key a delete marker on top. */
    private static void write(String key, int i) {
        List<String> versions = new ArrayList<>();
        for (int v = i % 5 == 0 ? 2 : 1; v > 0; v--) {
            versions.add(0, s3.putObject(b -> b.bucket("paging").key(key), RequestBody.fromString(key)).versionId());
        }
        if (i % 10 == 3) {
            versions.add(0, "DM:" + s3.deleteObject(b -> b.bucket("paging").key(key)).versionId());
        }
        model.put(key, versions);
    }

    static TreeMap<String, List<String>> sorted() {
        TreeMap<String, List<String>> m = new TreeMap<>(KeyOrder.UTF8);
        m.putAll(model);
        return m;
    }

    static String rollUp(String key, String prefix, String delimiter) {
        int i = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
        return i < 0 ? null : key.substring(0, i + delimiter.length());
    }

    /** [contents, common prefixes] of a current-object listing. */
    static List<List<String>> modelObjects(String prefix, String delimiter) {
        List<String> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        sorted().forEach((k, v) -> {
            if (!k.startsWith(prefix) || v.get(0).startsWith("DM:")) {
                return;
            }
            String cp = rollUp(k, prefix, delimiter);
            if (cp == null) {
                contents.add(k);
            } else if (!prefixes.contains(cp)) {
                prefixes.add(cp);
            }
        });
        return List.of(contents, prefixes);
    }

    @ParameterizedTest(name = "prefix=[{0}] delimiter=[{1}] page={2}")
    @CsvSource(nullValues = "-", value = {"'', -, 1000", "'', /, 7", "a/, /, 3", "logs, -, 250", "'', -, 999", "ü/, /, 1", "x y/, -, 50"})
    void listObjectsV2(String prefix, String delimiter, int page) {
        List<String> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket("paging").prefix(prefix).delimiter(delimiter).maxKeys(page)).forEach(p -> {
            p.contents().forEach(o -> contents.add(o.key()));
            p.commonPrefixes().forEach(c -> prefixes.add(c.prefix()));
        });
        assertEquals(modelObjects(prefix, delimiter), List.of(contents, prefixes));
    }

    @ParameterizedTest(name = "prefix=[{0}] delimiter=[{1}] page={2}")
    @CsvSource(nullValues = "-", value = {"'', -, 1000", "'', /, 11", "b/, /, 2", "2026, -, 333"})
    void listObjectsV1(String prefix, String delimiter, int page) {
        List<String> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String marker = null;
        ListObjectsResponse r;
        do {
            String m = marker;
            r = s3.listObjects(b -> b.bucket("paging").prefix(prefix).delimiter(delimiter).maxKeys(page).marker(m));
            r.contents().stream().map(S3Object::key).forEach(contents::add);
            r.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
            marker = r.nextMarker();
        } while (r.isTruncated());
        assertEquals(modelObjects(prefix, delimiter), List.of(contents, prefixes));
    }

    @ParameterizedTest(name = "prefix=[{0}] delimiter=[{1}] page={2}")
    @CsvSource(nullValues = "-", value = {"'', -, 1000", "'', /, 9", "a/, /, 4", "%, -, 1"})
    void listObjectVersions(String prefix, String delimiter, int page) {
        List<String> versions = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        s3.listObjectVersionsPaginator(b -> b.bucket("paging").prefix(prefix).delimiter(delimiter).maxKeys(page)).forEach(p -> {
            p.versions().forEach(v -> versions.add(v.key() + "@" + v.versionId()));
            p.deleteMarkers().forEach(d -> versions.add(d.key() + "@DM:" + d.versionId()));
            p.commonPrefixes().forEach(c -> prefixes.add(c.prefix()));
        });
        List<String> want = new ArrayList<>();
        List<String> wantPrefixes = new ArrayList<>();
        sorted().forEach((k, v) -> {
            if (!k.startsWith(prefix)) {
                return;
            }
            String cp = rollUp(k, prefix, delimiter);
            if (cp == null) {
                v.forEach(id -> want.add(k + "@" + id));
            } else if (!wantPrefixes.contains(cp)) {
                wantPrefixes.add(cp);
            }
        });
        Collections.sort(versions);
        Collections.sort(want);
        assertEquals(want, versions);
        assertEquals(wantPrefixes, prefixes);
    }
}
