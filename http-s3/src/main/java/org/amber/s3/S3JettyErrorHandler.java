package org.amber.s3;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the errors Jetty raises itself, before any S3 code runs (a malformed request line, a URI
 * or headers that are too large), as S3 XML errors, so clients parse them like any other.
 */
public final class S3JettyErrorHandler extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        S3Error error;
        if (status == 414) {
            error = S3Error.KEY_TOO_LONG;
        } else if (status == 431) {
            error = S3Error.REQUEST_HEADER_SECTION_TOO_LARGE;
        } else if (status >= 400 && status < 500) {
            error = S3Error.INVALID_REQUEST;
        } else {
            error = S3Error.INTERNAL_ERROR;
        }
        // Jetty failed the request before S3Handler gave it an id; give it one now.
        String requestId = response.getHeaders().get("x-amz-request-id");
        if (requestId == null) {
            requestId = S3Handler.newRequestId();
            response.getHeaders().put("x-amz-request-id", requestId);
            response.getHeaders().put("x-amz-id-2", requestId);
        }
        S3ErrorWriter.write(request.getMethod(), requestId, new S3Exception(error), response, callback);
        return true;
    }
}
