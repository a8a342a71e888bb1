package org.amber.lockd.port;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.amber.lockd.BlobRef;

/**
 * Streams one blob into the extent reserved for it. The bytes are written but not yet durable:
 * the persist stage syncs them before the event that references them is journaled.
 * Thread: one at a time.
 */
public interface BlobWriter extends AutoCloseable {
    /** Appends the remaining bytes of {@code src}; more than the reserved length is an error. */
    void write(ByteBuffer src) throws IOException;

    /** Completes the blob; every reserved byte must have been written. */
    BlobRef finish() throws IOException;

    /** Abandons the blob: its extent is never referenced and will be reclaimed. */
    @Override
    void close();
}
