package org.amber.bench.load;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The workloads, one method each. Each creates its own buckets (named from {@code prefix}), so a run
 * never depends on what an earlier one left, and checks what it did where a server could cheat
 * (a listing must return every key, an extended retention must read back).
 */
final class Scenarios {
    static final int SMALL = 4096;
    private static final int MIB = 1 << 20;

    private final S3Client.Target target;
    private final Workload workload;
    private final Report report;
    private final String prefix;
    private final double seconds;

    Scenarios(S3Client.Target target, Workload workload, Report report, String prefix, double seconds) {
        this.target = target;
        this.workload = workload;
        this.report = report;
        this.prefix = prefix;
        this.seconds = seconds;
    }

    /**
     * Durable 4 KiB PUTs into an Object Lock bucket with a default GOVERNANCE retention (what backup
     * software writes to), CRC32C checksum header on each, at each concurrency in turn; {@code rounds}
     * times over, so that each concurrency's runs are spread across the step and its median run is reported.
     */
    void smallPuts(int[] concurrencies, int rounds) throws IOException {
        String bucket = bucket("put");
        setUpLocked(bucket);
        byte[] pattern = random(SMALL * 64, 1);
        workload.forSeconds(16, Math.min(5, seconds), (s3, w, n, i) -> putSmall(s3, bucket, "warm/" + w + "/" + n, pattern, i));
        List<List<Workload.Measured>> runs = new ArrayList<>();
        for (int k = 0; k < concurrencies.length; k++) {
            runs.add(new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < concurrencies.length; k++) {
                int c = concurrencies[k];
                String prefix = "c" + c + "/r" + r + "/";
                runs.get(k).add(workload.forSeconds(c, seconds, (s3, w, n, i) -> putSmall(s3, bucket, prefix + w + "/" + n, pattern, i)));
            }
        }
        for (int k = 0; k < concurrencies.length; k++) {
            report.latency("PUT 4 KiB, c=" + concurrencies[k], "put4k_c" + concurrencies[k], runs.get(k));
        }
    }

    /** A 256 MiB object (or {@code mib}) PUT and GET in one stream, then multipart with parallel parts and ranged GETs. */
    void largeObjects(int mib, int partMib, int parallel, int repeats) throws IOException {
        String bucket = bucket("large");
        try (S3Client s3 = new S3Client(target)) {
            s3.createBucket(bucket, false);
        }
        byte[] pattern = random(16 * MIB, 2);
        long size = (long) mib * MIB;
        List<Workload.Measured> put = new ArrayList<>();
        List<Workload.Measured> get = new ArrayList<>();
        List<Workload.Measured> mput = new ArrayList<>();
        List<Workload.Measured> mget = new ArrayList<>();
        int parts = (int) ((size + (long) partMib * MIB - 1) / ((long) partMib * MIB));
        // Untimed: one PUT and GET of up to 64 MiB, so that the first timed run is not the JIT's warm-up.
        try (S3Client s3 = new S3Client(target)) {
            s3.putLarge(bucket, "warm", pattern, Math.min(size, 64L * MIB));
            s3.get(bucket, "warm", -1, -1);
        }
        for (int r = 0; r < repeats; r++) {
            String key = "single-" + r;
            put.add(workload.count(1, 1, (s3, w, n, i) -> {
                s3.putLarge(bucket, key, pattern, size);
                return size;
            }));
            get.add(workload.count(1, 1, (s3, w, n, i) -> s3.get(bucket, key, -1, -1)));
            String mkey = "multi-" + r;
            String uploadId;
            try (S3Client s3 = new S3Client(target)) {
                uploadId = s3.createMultipart(bucket, mkey);
            }
            AtomicReferenceArray<String> etags = new AtomicReferenceArray<>(parts);
            long partBytes = (long) partMib * MIB;
            mput.add(workload.count(parallel, parts, (s3, w, n, i) -> {
                long len = Math.min(partBytes, size - i * partBytes);
                etags.set((int) i, s3.uploadPart(bucket, mkey, uploadId, (int) i + 1, pattern, len));
                return len;
            }));
            List<String> list = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                list.add(etags.get(p));
            }
            try (S3Client s3 = new S3Client(target)) {
                s3.completeMultipart(bucket, mkey, uploadId, list);
            }
            mget.add(workload.count(parallel, parts, (s3, w, n, i) -> {
                long from = i * partBytes;
                return s3.get(bucket, mkey, from, Math.min(size, from + partBytes) - 1);
            }));
        }
        String label = mib + " MiB";
        report.bandwidth("PUT " + label + ", one stream", "put_large", put);
        report.bandwidth("GET " + label + ", one stream", "get_large", get);
        report.bandwidth("PUT " + label + ", multipart " + parts + "×" + partMib + " MiB, " + parallel + " streams", "put_multipart", mput);
        report.bandwidth("GET " + label + ", " + parts + " ranges, " + parallel + " streams", "get_multipart", mget);
    }

    /** Full ListObjectsV2 passes (1,000 keys a page) over a bucket of {@code keys} keys. */
    void listing(int keys, int passes) throws IOException {
        String bucket = bucket("list");
        try (S3Client s3 = new S3Client(target)) {
            s3.createBucket(bucket, false);
        }
        byte[] pattern = random(SMALL * 64, 3);
        workload.count(16, keys, (s3, w, n, i) -> {
            s3.put(bucket, String.format("k/%08d", i), pattern, (int) (i % 64) * 64, 1024);
            return 1024;
        });
        Workload.Measured m = workload.count(1, passes, (s3, w, n, i) -> {
            int seen = 0;
            String token = null;
            do {
                S3Client.Page page = s3.list(bucket, null, token, 1000);
                seen += page.keys().size();
                token = page.nextToken();
            } while (token != null);
            if (seen != keys) {
                throw new IOException("a listing of " + keys + " keys returned " + seen);
            }
            return seen;
        });
        report.keysPerSecond("LIST " + keys + " keys (pages of 1,000)", "list", m);
    }

    /**
     * The backup pattern: {@code versions} versions written under a default retention, then every one's
     * retention extended with PutObjectRetention; a sample is read back to check the extension held.
     */
    void retentionExtension(int versions, int concurrency) throws IOException {
        String bucket = bucket("ret");
        setUpLocked(bucket);
        byte[] pattern = random(SMALL * 64, 4);
        String[] ids = new String[versions];
        workload.count(16, versions, (s3, w, n, i) -> {
            ids[(int) i] = s3.put(bucket, "v/" + (i % (versions / 4 + 1)), pattern, (int) (i % 64) * 64, 1024);
            return 1024;
        });
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Workload.Measured m = workload.count(concurrency, versions, (s3, w, n, i) -> {
            s3.retention(bucket, "v/" + (i % (versions / 4 + 1)), ids[(int) i], "GOVERNANCE", until, false);
            return 0;
        });
        try (S3Client s3 = new S3Client(target)) {
            Random r = new Random(5);
            for (int k = 0; k < 20; k++) {
                int i = r.nextInt(versions);
                Instant got = s3.retainUntil(bucket, "v/" + (i % (versions / 4 + 1)), ids[i]);
                if (!until.equals(got)) {
                    throw new IOException("retention of version " + ids[i] + " reads back " + got + ", not " + until);
                }
            }
        }
        report.latency("PutObjectRetention (extend), " + versions + " versions, c=" + concurrency, "retention", m);
    }

    /**
     * A mix on 1,000 4 KiB objects: 60% GET, 25% PUT (new versions), 10% HEAD, 5% LIST of a prefix
     * (100 keys at most), from {@code concurrency} clients.
     */
    void mixed(int concurrency) throws IOException {
        String bucket = bucket("mix");
        setUpLocked(bucket);
        byte[] pattern = random(SMALL * 64, 6);
        int objects = 1000;
        workload.count(16, objects, (s3, w, n, i) -> putSmall(s3, bucket, String.format("m/%d/%04d", i % 10, i), pattern, i));
        Workload.Measured m = workload.forSeconds(concurrency, seconds, (s3, w, n, i) -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int k = r.nextInt(objects);
            String key = String.format("m/%d/%04d", k % 10, k);
            int dice = r.nextInt(100);
            if (dice < 60) {
                return s3.get(bucket, key, -1, -1);
            } else if (dice < 85) {
                return putSmall(s3, bucket, key, pattern, i);
            } else if (dice < 95) {
                s3.head(bucket, key);
                return 0;
            }
            return s3.list(bucket, "m/" + (k % 10) + "/", null, 100).keys().size();
        });
        report.latency("mixed 60% GET / 25% PUT / 10% HEAD / 5% LIST, c=" + concurrency, "mixed", m);
    }

    /**
     * Fills a versioned bucket with {@code versions} versions of 100-byte objects, four versions a
     * key, at concurrency 64: the data set for the restart measurement.
     */
    void fill(long versions) throws IOException {
        String bucket = bucket("fill");
        try (S3Client s3 = new S3Client(target)) {
            s3.createBucket(bucket, true); // Object Lock on: versioning on, no default retention
        }
        byte[] pattern = random(SMALL * 64, 7);
        long keys = Math.max(1, versions / 4);
        Workload.Measured m = workload.count(64, versions, (s3, w, n, i) -> {
            s3.put(bucket, String.format("f/%08d", i % keys), pattern, (int) (i % 64) * 64, 100);
            return 100;
        });
        report.latency("PUT 100 B, c=64, filling " + versions + " versions", "fill", m);
    }

    private static long putSmall(S3Client s3, String bucket, String key, byte[] pattern, long i) throws IOException {
        int off = (int) (i % 64) * 64; // a different 4 KiB (and checksum) each time
        s3.put(bucket, key, pattern, off, SMALL);
        return SMALL;
    }

    private void setUpLocked(String bucket) throws IOException {
        try (S3Client s3 = new S3Client(target)) {
            s3.createBucket(bucket, true);
            s3.defaultRetention(bucket, "GOVERNANCE", 1);
        }
    }

    private String bucket(String what) {
        return prefix + "-" + what;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
