package org.amber.daemon;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The operator endpoint on the admin port: {@code /metrics} in Prometheus text format,
 * {@code /health/live} and {@code /health/ready} (503 once writes have stopped).
 */
final class AdminHandler extends Handler.Abstract {
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final ExpositionFormats formats = ExpositionFormats.init();

    AdminHandler(Metrics metrics, BooleanSupplier ready) {
        this.metrics = metrics;
        this.ready = ready;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if ("/metrics".equals(path)) {
            ExpositionFormatWriter w = formats.findWriter(request.getHeaders().get(HttpHeader.ACCEPT));
            ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
            w.write(out, metrics.registry().scrape());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, w.getContentType());
            response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
        } else if ("/health/live".equals(path)) {
            text(response, callback, 200, "live\n");
        } else if ("/health/ready".equals(path)) {
            boolean ok = ready.getAsBoolean();
            text(response, callback, ok ? 200 : 503, ok ? "ready\n" : "writes stopped after a storage failure\n");
        } else {
            text(response, callback, 404, "not found\n");
        }
        return true;
    }

    private static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
