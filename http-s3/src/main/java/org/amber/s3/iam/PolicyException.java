package org.amber.s3.iam;

/** A policy document that cannot be accepted, with a message that says what is wrong. */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
