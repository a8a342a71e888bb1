package org.amber.s3.auth;

/** Encrypts secrets with a key kept outside the journal (the daemon's key file). Thread-safe. */
public interface Sealer {
    byte[] seal(String secret);

    /** The clear text; IllegalStateException if {@code sealed} was not sealed under this key (or was altered). */
    String unseal(byte[] sealed);
}
