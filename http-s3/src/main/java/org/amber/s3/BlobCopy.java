package org.amber.s3;

import java.io.IOException;
import java.util.Base64;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.port.BlobStore;
import org.amber.lockd.port.BlobWriter;
import org.amber.s3.body.BodyHasher;
import org.amber.s3.body.ChecksumAlgorithm;
import org.amber.s3.body.VerifiedChecksum;

/**
 * Copies a range of a version's verified bytes into a new blob (CopyObject, UploadPartCopy), computing
 * their MD5 and, if asked, a checksum on the way. The source is only read. Blocks the calling thread.
 */
public final class BlobCopy {
    private BlobCopy() {
    }

    /**
     * @param checksum the algorithm to compute, or null for none
     * @return the new blob with the copied bytes' MD5 and checksum (null when none was asked)
     */
    public static BodyReader.Stored copy(BlobStore blobs, ObjectVersion v, long from, long count, ChecksumAlgorithm checksum)
            throws IOException {
        BodyHasher md5 = BodyHasher.jdk("MD5");
        BodyHasher sum = checksum == null ? null : checksum.newHasher();
        byte[] buf = new byte[64 * 1024];
        try (BlobWriter w = blobs.create(count)) {
            blobs.read(v.extents(), from, count, chunk -> {
                ByteBufferFeeder.feed(chunk.duplicate(), buf, (b, n) -> {
                    md5.update(b, 0, n);
                    if (sum != null) {
                        sum.update(b, 0, n);
                    }
                });
                w.write(chunk);
            });
            return new BodyReader.Stored(w.finish(), md5.digest(),
                    sum == null ? null : new VerifiedChecksum(checksum, Base64.getEncoder().encodeToString(sum.digest())));
        }
    }

    /** Feeds a buffer's bytes to array-based digests through a scratch array. */
    private static final class ByteBufferFeeder {
        interface Sink {
            void accept(byte[] b, int n);
        }

        static void feed(java.nio.ByteBuffer src, byte[] scratch, Sink sink) {
            while (src.hasRemaining()) {
                int n = Math.min(scratch.length, src.remaining());
                src.get(scratch, 0, n);
                sink.accept(scratch, n);
            }
        }
    }
}
