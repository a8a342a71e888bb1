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

    private final org.amber.s3.iam.QueryApi queryApi;
    private final String ctlToken;

    AdminHandler(Metrics metrics, BooleanSupplier ready, org.amber.s3.S3Services services, String ctlToken) {
        this.metrics = metrics;
        this.ready = ready;
        this.queryApi = new org.amber.s3.iam.QueryApi(services);
        this.ctlToken = ctlToken;
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
        } else if (AmberCtl.PATH.equals(path) && "POST".equals(request.getMethod())) {
            amberctl(request, response, callback);
        } else {
            text(response, callback, 404, "not found\n");
        }
        return true;
    }

    /**
     * amberctl's IAM and STS calls, as root: allowed only with the token the daemon wrote into its data
     * directory (readable by the amber user alone), so only the box's own operators can make them.
     */
    private void amberctl(Request request, Response response, Callback callback) throws java.io.IOException {
        java.net.InetAddress from = java.net.InetAddress.getByName(Request.getRemoteAddr(request));
        if (!from.isLoopbackAddress()) {
            text(response, callback, 403, "amberctl is served to the box itself only\n");
            return;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        boolean ok = auth != null && java.security.MessageDigest.isEqual(
                (AmberCtl.SCHEME + ctlToken).getBytes(StandardCharsets.US_ASCII), auth.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            text(response, callback, 403, "amberctl token missing or wrong\n");
            return;
        }
        byte[] body;
        try (java.io.InputStream in = org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
            body = in.readNBytes(1 << 20);
        }
        java.util.Map<String, String> form = org.amber.s3.op.IamQuery.parseForm(body);
        String service = "sts".equals(form.get("Service")) ? "sts" : "iam";
        String source = Request.getRemoteAddr(request);
        org.amber.lockd.policy.Caller root = org.amber.lockd.policy.Caller.root();
        org.amber.lockd.RequestContext ctx = new org.amber.lockd.RequestContext("amberctl:" + root.arn(), source,
                org.amber.s3.S3Handler.newRequestId());
        queryApi.handle(new org.amber.s3.iam.QueryApi.Call(service, form, root, ctx,
                        (action, resource) -> new org.amber.lockd.policy.RequestFacts(action, resource, root,
                                java.util.Map.of("aws:SourceIp", java.util.List.of(source)))),
                (status, xml) -> org.amber.s3.op.IamQuery.write(response, callback, status, xml));
    }

    private static void text(Response response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
