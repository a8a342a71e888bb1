package org.amber.lockd.port;

import java.io.IOException;

/** A blob's bytes on disk do not match the checksum recorded when they were written. */
public final class CorruptBlobException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptBlobException(String message) {
        super(message);
    }
}
