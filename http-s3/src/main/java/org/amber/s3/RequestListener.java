package org.amber.s3;

/** Told about every finished request, for metrics. Thread: any; must not block. */
@FunctionalInterface
public interface RequestListener {
    void completed(String operation, int status, long nanos);
}
