package org.amber.s3;

import java.util.Map;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Renders an {@link S3Exception} as S3's error response: the status, and (except for HEAD, whose
 * errors have no body) {@code <Error><Code/><Message/>[extra]<RequestId/><HostId/></Error>}.
 * The only place errors are written.
 */
public final class S3ErrorWriter {
    private S3ErrorWriter() {
    }

    public static void write(String method, String requestId, S3Exception e, Response response, Callback callback) {
        if (response.isCommitted()) {
            // Headers (and maybe bytes) already went out: the only honest signal left is to abort.
            callback.failed(e);
            return;
        }
        S3Error err = e.error();
        response.setStatus(err.status());
        if ("HEAD".equals(method) || err.status() == 304) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
            response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        XmlOut x = XmlOut.plain("Error").el("Code", err.code()).el("Message", e.getMessage());
        for (Map.Entry<String, String> extra : e.extra().entrySet()) {
            x.el(extra.getKey(), extra.getValue());
        }
        byte[] body = x.el("RequestId", requestId).el("HostId", requestId).finish();
        Responses.xml(response, callback, err.status(), body);
    }
}
