package org.amber.lockd.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW,
    DENY
}
