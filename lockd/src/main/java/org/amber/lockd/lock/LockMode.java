package org.amber.lockd.lock;

/** The two retention modes (OBJECT-LOCK-SPEC.md §0.2). Wire names are the constant names, case-sensitive. */
public enum LockMode {
    /** Protects a version until its date, except from a caller allowed to bypass governance who asks to. */
    GOVERNANCE,
    /** Protects a version until its date from everyone, root included. */
    COMPLIANCE
}
