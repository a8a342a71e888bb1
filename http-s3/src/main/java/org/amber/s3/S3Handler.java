package org.amber.s3;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.amber.lockd.Account;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.SigV4;
import org.amber.s3.auth.SignedRequest;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 endpoint: request id, addressing, SigV4, route, then the operation. Blocking handler
 * (operations stream bodies on Jetty's thread); replies may complete later on the reply thread.
 */
public final class S3Handler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);
    private final S3Services services;
    private final S3Routes routes;

    public S3Handler(S3Services services) {
        this.services = services;
        this.routes = new S3Routes(services);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String requestId = newRequestId();
        response.getHeaders().put("x-amz-request-id", requestId);
        response.getHeaders().put("x-amz-id-2", requestId);
        S3Request req = null;
        Callback done = new Observed(callback, response, start, () -> null);
        try {
            req = S3Request.parse(request, requestId, services.vhostDomains());
            S3Request parsed = req;
            done = new Observed(callback, response, start, parsed::operation);
            authenticate(req);
            Route route = routes.match(req.method(), req.level(), req.query(), req.headerNames())
                    .orElseThrow(() -> new S3Exception(S3Error.NOT_IMPLEMENTED,
                            "This operation or sub-resource is not implemented by this server."));
            req.operation(route.name());
            route.operation().handle(req, response, done);
        } catch (S3Exception e) {
            S3ErrorWriter.write(request.getMethod(), requestId, e, response, done);
        } catch (Exception | Error e) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getHttpURI(), e);
            S3ErrorWriter.write(request.getMethod(), requestId, new S3Exception(S3Error.INTERNAL_ERROR), response, done);
        }
        return true;
    }

    private void authenticate(S3Request req) {
        SignedRequest signed = new SignedRequest(req.method(), req.jetty().getHttpURI().getPath(),
                req.jetty().getHttpURI().getQuery(), req.headersForSigning());
        Optional<AuthContext> ctx = SigV4.verify(signed, services.secrets(), services.clock().instant());
        if (ctx.isEmpty()) {
            // Anonymous access is not offered: every bucket is private until policies (issue 5) say otherwise.
            throw new S3Exception(S3Error.ACCESS_DENIED);
        }
        Account who = services.published().accountByAccessKey(ctx.get().accessKeyId())
                .orElseThrow(() -> new S3Exception(S3Error.INVALID_ACCESS_KEY_ID));
        req.authenticated(ctx.get(), who);
    }

    /** A new request id, as every S3 response carries one. */
    static String newRequestId() {
        return String.format("%016X", ThreadLocalRandom.current().nextLong());
    }

    /** Reports every finished request to the listener, however it ends. */
    private final class Observed implements Callback {
        private final Callback delegate;
        private final Response response;
        private final long start;
        private final java.util.function.Supplier<String> operation;

        Observed(Callback delegate, Response response, long start, java.util.function.Supplier<String> operation) {
            this.delegate = delegate;
            this.response = response;
            this.start = start;
            this.operation = operation;
        }

        @Override
        public void succeeded() {
            report(response.getStatus());
            delegate.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            report(599);
            delegate.failed(x);
        }

        private void report(int status) {
            String op = operation.get();
            services.listener().completed(op == null ? "Unknown" : op, status, System.nanoTime() - start);
        }
    }
}
