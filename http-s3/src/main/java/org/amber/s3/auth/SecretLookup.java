package org.amber.s3.auth;

import java.util.Optional;

/** Looks up the secret key for an access key id; empty when the key is unknown or inactive. */
@FunctionalInterface
public interface SecretLookup {
    /** The secret key of {@code accessKeyId}, or empty when it is unknown or inactive. */
    Optional<String> secretFor(String accessKeyId);
}
