package org.amber.s3;

/** What a request addresses: the service (no bucket), a bucket, or an object. */
public enum Level {
    SERVICE, BUCKET, OBJECT
}
