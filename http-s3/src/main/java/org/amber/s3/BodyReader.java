package org.amber.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.amber.lockd.BlobRef;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.BlobWriter;
import org.eclipse.jetty.io.Content;

/**
 * Streams a request body of known length into a new blob, computing MD5 (the ETag) and, for a
 * signed payload, SHA-256 on the way. Nothing partial is ever referenced: on any failure the
 * blob's extent is abandoned. Blocks the calling (Jetty) thread.
 */
public final class BodyReader {
    private static final int BUFFER = 64 * 1024;

    /** The written blob and the digests of the bytes that went into it. */
    public record Stored(BlobRef blob, byte[] md5, byte[] sha256) {
    }

    private BodyReader() {
    }

    /**
     * Reads exactly {@code length} bytes. A body that ends early is IncompleteBody; a signed payload
     * whose SHA-256 differs is XAmzContentSHA256Mismatch; a Content-MD5 that differs is BadDigest.
     *
     * @param expectedSha256Hex the signed payload hash, or null for an unsigned payload
     * @param expectedMd5 the decoded Content-MD5, or null when the client sent none
     */
    public static Stored store(S3Request req, BlobStore blobs, long length, String expectedSha256Hex, byte[] expectedMd5)
            throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha = expectedSha256Hex == null ? null : digest("SHA-256");
        try (BlobWriter w = blobs.create(length); InputStream in = Content.Source.asInputStream(req.jetty())) {
            byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
            long total = 0;
            while (total < length) {
                int n = readSome(in, buf, (int) Math.min(buf.length, length - total));
                md5.update(buf, 0, n);
                if (sha != null) {
                    sha.update(buf, 0, n);
                }
                w.write(ByteBuffer.wrap(buf, 0, n));
                total += n;
            }
            byte[] md5sum = md5.digest();
            byte[] shaSum = sha == null ? null : sha.digest();
            if (shaSum != null && !Ops.hex(shaSum).equalsIgnoreCase(expectedSha256Hex)) {
                throw new S3Exception(S3Error.CONTENT_SHA256_MISMATCH);
            }
            if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, md5sum)) {
                throw new S3Exception(S3Error.BAD_DIGEST);
            }
            return new Stored(w.finish(), md5sum, shaSum);
        }
    }

    private static int readSome(InputStream in, byte[] buf, int max) {
        int n;
        try {
            n = in.read(buf, 0, max);
        } catch (IOException e) {
            // The client went away or Jetty saw the connection end before Content-Length bytes.
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
        if (n < 0) {
            throw new S3Exception(S3Error.INCOMPLETE_BODY);
        }
        return n;
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
