package org.amber.lockd;

/** A bucket's versioning state; once enabled a bucket can be suspended but never unversioned again. */
public enum Versioning {
    UNVERSIONED, ENABLED, SUSPENDED
}
