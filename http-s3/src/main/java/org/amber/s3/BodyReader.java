package org.amber.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.BlobWriter;
import org.amber.s3.body.BodyDigests;
import org.amber.s3.body.ChecksumAlgorithm;
import org.amber.s3.body.IncomingBody;
import org.amber.s3.body.VerifiedChecksum;

/**
 * Streams a request body (plain or aws-chunked, see {@link IncomingBody}) into a new blob, computing
 * its digests on the way and checking them at the end. Nothing partial is ever referenced: on any
 * failure the blob's extent is abandoned. Blocks the calling (Jetty) thread.
 */
public final class BodyReader {
    private static final int BUFFER = 64 * 1024;
    /** Bodies from this size on are copied in 1 MiB pieces with their digests on other threads. */
    private static final int LARGE = 1 << 20;
    private static final int LARGE_SLOTS = 4;

    /**
     * The written blob and the digests of the bytes that went into it.
     *
     * @param checksum the x-amz-checksum-* the client sent, verified (algorithm and base64 value, as S3
     *                 shows it), or null when it sent none
     */
    public record Stored(BlobRef blob, byte[] md5, VerifiedChecksum checksum) {
    }

    private BodyReader() {
    }

    /**
     * Reads the object's {@code body.length()} bytes, then lets {@code body} check them: a body that ends
     * early or breaks its framing is IncompleteBody, a digest that differs is refused (see
     * {@link IncomingBody#verify}), a bad chunk signature is SignatureDoesNotMatch.
     *
     * @param expectedMd5 the decoded Content-MD5, or null when the client sent none
     */
    public static Stored store(BlobStore blobs, IncomingBody body, byte[] expectedMd5) throws IOException {
        return store(blobs, body, expectedMd5, null);
    }

    /**
     * As {@link #store(BlobStore, IncomingBody, byte[])}; when the client sends no checksum, computes
     * {@code serverSide} (if not null) and returns it as the checksum.
     */
    public static Stored store(BlobStore blobs, IncomingBody body, byte[] expectedMd5, ChecksumAlgorithm serverSide)
            throws IOException {
        BodyDigests digests = body.newDigests(serverSide);
        try (BlobWriter w = blobs.create(body.length()); InputStream in = body.stream()) {
            copy(in, w, body.length(), digests);
            body.finish();
            IncomingBody.Verified v = body.verify(digests, expectedMd5);
            return new Stored(w.finish(), v.md5(), v.checksum());
        }
    }

    /**
     * Reads a whole small body (a configuration or DeleteObjects document) into memory and verifies
     * it as {@link #store} does; bodies over {@code max} bytes are MalformedXML, unread.
     */
    public static byte[] readSmall(IncomingBody body, int max, byte[] expectedMd5) throws IOException {
        if (body.length() > max) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        byte[] bytes = new byte[(int) body.length()];
        BodyDigests digests = body.newDigests();
        try (InputStream in = body.stream()) {
            for (int n = 0; n < bytes.length; ) {
                n += readSome(in, bytes, n, bytes.length - n);
            }
        }
        digests.update(bytes, 0, bytes.length);
        body.finish();
        body.verify(digests, expectedMd5);
        return bytes;
    }

    private static void copy(InputStream in, BlobWriter w, long length, BodyDigests digests) throws IOException {
        if (length >= LARGE) {
            copyLarge(in, w, length, digests);
            return;
        }
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
        long total = 0;
        while (total < length) {
            int n = readSome(in, buf, 0, (int) Math.min(buf.length, length - total));
            digests.update(buf, 0, n);
            w.write(ByteBuffer.wrap(buf, 0, n));
            total += n;
        }
    }

    /**
     * A large body: each 1 MiB is read in full, handed to the digest threads, and written to the blob
     * while the digests run; a buffer is refilled only once its digests have taken it. Every digest task
     * is done by the time this returns, whatever happened.
     */
    private static void copyLarge(InputStream in, BlobWriter w, long length, BodyDigests digests) throws IOException {
        byte[][] buffers = new byte[LARGE_SLOTS][LARGE];
        CompletableFuture<?>[] digested = new CompletableFuture<?>[LARGE_SLOTS];
        try {
            long total = 0;
            for (int i = 0; total < length; i++) {
                int slot = i % LARGE_SLOTS;
                if (digested[slot] != null) {
                    digested[slot].join();
                }
                byte[] buf = buffers[slot];
                int want = (int) Math.min(LARGE, length - total);
                for (int n = 0; n < want; ) {
                    n += readSome(in, buf, n, want - n);
                }
                digested[slot] = digests.updateAsync(buf, 0, want);
                w.write(ByteBuffer.wrap(buf, 0, want));
                total += want;
            }
        } finally {
            for (CompletableFuture<?> f : digested) {
                if (f != null) {
                    f.join();
                }
            }
        }
    }

    private static int readSome(InputStream in, byte[] buf, int off, int max) {
        int n;
        try {
            n = in.read(buf, off, max);
        } catch (IOException e) {
            // The client went away or Jetty saw the connection end before Content-Length bytes.
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
        if (n < 0) {
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
        return n;
    }
}
