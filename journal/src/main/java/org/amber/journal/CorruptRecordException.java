package org.amber.journal;

/**
 * A journal record that cannot be decoded: its checksum does not match, its format version is
 * unknown, or its self-describing payload is malformed. Immutable; thrown on the decoding thread.
 */
public final class CorruptRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
