package org.amber.s3.body;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The digests of a PUT's object bytes, computed while they stream: MD5 (the ETag), SHA-256 when the
 * payload hash was signed, and the checksum the client asked for. One per request, fed by one thread;
 * {@link #updateAsync} runs each digest on its own chain of tasks, in order, so a large body's MD5
 * (≈0.7 GB/s on one core) overlaps the socket reads and disk writes instead of adding to them.
 */
public final class BodyDigests {
    private static final Executor DIGESTERS = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "amber-digest");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> md5Done = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> sha256Done = md5Done;
    private CompletableFuture<Void> checksumDone = md5Done;
    private final BodyHasher md5 = BodyHasher.jdk("MD5");
    private final BodyHasher sha256;
    private final BodyHasher checksum;
    private final ChecksumAlgorithm algorithm;
    private byte[] md5Sum;
    private byte[] sha256Sum;
    private byte[] checksumSum;

    BodyDigests(boolean withSha256, ChecksumAlgorithm checksum) {
        this.sha256 = withSha256 ? BodyHasher.jdk("SHA-256") : null;
        this.checksum = checksum == null ? null : checksum.newHasher();
        this.algorithm = checksum;
    }

    /** The algorithm of {@link #checksum()}, or null. */
    public ChecksumAlgorithm algorithm() {
        return algorithm;
    }

    /** Adds object bytes to every digest. */
    public void update(byte[] b, int off, int len) {
        md5.update(b, off, len);
        if (sha256 != null) {
            sha256.update(b, off, len);
        }
        if (checksum != null) {
            checksum.update(b, off, len);
        }
    }

    /**
     * Adds object bytes to every digest on the digest threads, after the bytes of earlier calls; the
     * future completes when all digests have taken them, and until then the caller must not change them.
     */
    public CompletableFuture<Void> updateAsync(byte[] b, int off, int len) {
        md5Done = md5Done.thenRunAsync(() -> md5.update(b, off, len), DIGESTERS);
        CompletableFuture<Void> all = md5Done;
        if (sha256 != null) {
            sha256Done = sha256Done.thenRunAsync(() -> sha256.update(b, off, len), DIGESTERS);
            all = all.runAfterBoth(sha256Done, () -> { });
        }
        if (checksum != null) {
            checksumDone = checksumDone.thenRunAsync(() -> checksum.update(b, off, len), DIGESTERS);
            all = all.runAfterBoth(checksumDone, () -> { });
        }
        return all;
    }

    /** The MD5 of all bytes added; no more may be added after the first call to a result. */
    public byte[] md5() {
        complete();
        return md5Sum;
    }

    /** The SHA-256, or null when the payload hash was not signed. */
    public byte[] sha256() {
        complete();
        return sha256Sum;
    }

    /** The requested checksum, or null when the client asked for none. */
    public byte[] checksum() {
        complete();
        return checksumSum;
    }

    private void complete() {
        if (md5Sum == null) {
            CompletableFuture.allOf(md5Done, sha256Done, checksumDone).join();
            md5Sum = md5.digest();
            sha256Sum = sha256 == null ? null : sha256.digest();
            checksumSum = checksum == null ? null : checksum.digest();
        }
    }
}
