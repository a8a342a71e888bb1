package org.amber.lockd.port;

import java.io.IOException;
import org.amber.lockd.BlobRef;

/**
 * Where object bytes are written and read. Implemented by the journal module over append-only
 * segments; the protocol layer streams request bodies into it before it submits a command.
 */
public interface BlobStore {
    /**
     * Reserves space for a blob of exactly {@code length} bytes and returns a writer for it.
     * Thread: any; each writer is used by one thread.
     */
    BlobWriter create(long length) throws IOException;

    /**
     * Copies bytes {@code [from, from+count)} of the blob to {@code sink}, verifying the checksum of
     * every chunk before handing any of its bytes on. Blocks on disk I/O.
     *
     * @throws CorruptBlobException when a chunk does not match its checksum
     */
    void read(BlobRef blob, long from, long count, ChunkSink sink) throws IOException;

    /**
     * Copies bytes {@code [from, from+count)} of the concatenation of {@code extents} (a multipart
     * version's parts) to {@code sink}, verifying every chunk as {@link #read(BlobRef, long, long, ChunkSink)}.
     */
    default void read(java.util.List<BlobRef> extents, long from, long count, ChunkSink sink) throws IOException {
        long start = 0;
        for (BlobRef b : extents) {
            long end = start + b.length();
            long lo = Math.max(from, start);
            long hi = Math.min(from + count, end);
            if (lo < hi) {
                read(b, lo - start, hi - lo, sink);
            }
            if (end >= from + count) {
                return;
            }
            start = end;
        }
        if (start < from + count) {
            throw new IllegalArgumentException("range [" + from + ", " + (from + count) + ") beyond " + start + " bytes");
        }
    }

    /** Receives verified bytes; the buffer is only valid during the call. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(java.nio.ByteBuffer bytes) throws IOException;
    }
}
