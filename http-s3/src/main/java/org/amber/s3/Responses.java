package org.amber.s3;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** Writes S3 success responses. Non-blocking: safe on the pipeline's reply thread. */
public final class Responses {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(ZoneOffset.UTC);

    private Responses() {
    }

    /** An XML body with {@code status}. */
    public static void xml(Response response, Callback callback, int status, byte[] body) {
        body(response, callback, status, "application/xml", body);
    }

    /** A whole body of {@code contentType} with {@code status}. */
    public static void body(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** No body, {@code status}. */
    public static void empty(Response response, Callback callback, int status) {
        response.setStatus(status);
        if (status != 204 && status != 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
        }
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /** An instant as HTTP headers carry it (RFC 1123, GMT, second precision). */
    public static String httpDate(Instant t) {
        return HTTP_DATE.format(t);
    }

    /** A quoted ETag header value. */
    public static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
