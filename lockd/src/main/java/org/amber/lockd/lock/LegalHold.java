package org.amber.lockd.lock;

/** A version's legal hold once one was ever set: ON protects it from deletion, whatever its retention. */
public enum LegalHold {
    ON,
    OFF
}
