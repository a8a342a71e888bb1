package org.amber.s3;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One S3 operation (one class each in {@code org.amber.s3.op}). It either throws
 * {@link S3Exception} before it has written anything, or completes {@code callback} exactly once,
 * possibly later from the pipeline's reply thread.
 */
@FunctionalInterface
public interface S3Operation {
    void handle(S3Request req, Response response, Callback callback) throws Exception;
}
