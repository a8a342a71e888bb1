package org.amber.s3;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.amber.lockd.Account;
import org.amber.lockd.policy.Caller;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.SecretLookup;
import org.amber.s3.iam.Actions;
import org.amber.s3.iam.Session;
import org.amber.s3.iam.SessionTokens;
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
            if (isQueryApi(req)) {
                req.formBody(readForm(request));
            }
            authenticate(req);
            Route route = routes.match(req.method(), req.level(), req.query(), req.headerNames())
                    .orElseThrow(() -> new S3Exception(S3Error.NOT_IMPLEMENTED,
                            "This operation or sub-resource is not implemented by this server."));
            req.operation(route.name());
            authorize(req, route.name());
            route.operation().handle(req, response, done);
        } catch (S3Exception e) {
            if (req != null && isQueryApi(req)) {
                // aws iam / aws sts parse ErrorResponse documents, not S3's Error.
                org.amber.s3.op.IamQuery.writeError(req, requestId, e.error().code(), e.getMessage(), e.error().status(), response, done);
                return true;
            }
            S3ErrorWriter.write(request.getMethod(), requestId, e, response, done);
        } catch (Exception | Error e) {
            LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getHttpURI(), e);
            if (req != null && isQueryApi(req)) {
                org.amber.s3.op.IamQuery.writeError(req, requestId, "ServiceFailure", "Internal error", 500, response, done);
                return true;
            }
            S3ErrorWriter.write(request.getMethod(), requestId, new S3Exception(S3Error.INTERNAL_ERROR), response, done);
        }
        return true;
    }

    /** An IAM or STS Query API call: a form POST to the service root. */
    private static boolean isQueryApi(S3Request req) {
        return "POST".equals(req.method()) && req.level() == Level.SERVICE;
    }

    private static byte[] readForm(Request request) throws java.io.IOException {
        try (java.io.InputStream in = org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_FORM + 1);
            if (body.length > MAX_FORM) {
                throw new S3Exception(S3Error.ENTITY_TOO_LARGE);
            }
            return body;
        }
    }

    /** The largest IAM or STS request body read (a 20 KiB policy, form-encoded, with room to spare). */
    static final int MAX_FORM = 256 * 1024;

    /**
     * SigV4 with an access key (root or IAM user) or with STS session credentials (a session token); a
     * request with no signature at all is anonymous and only a bucket policy can let it in.
     */
    private void authenticate(S3Request req) {
        String token = req.header("x-amz-security-token");
        if (token == null) {
            token = req.param("X-Amz-Security-Token");
        }
        Session session = token == null ? null : openSession(token);
        SecretLookup secrets = session == null ? services.secrets()
                : akid -> akid.equals(session.accessKeyId()) ? Optional.of(session.secretKey()) : Optional.empty();
        String bodySha = req.formBody() == null ? null : org.amber.s3.Ops.hex(org.amber.s3.body.Digests.sha256(req.formBody()));
        SignedRequest signed = new SignedRequest(req.method(), req.jetty().getHttpURI().getPath(),
                req.jetty().getHttpURI().getQuery(), req.headersForSigning(), bodySha);
        Optional<AuthContext> ctx = SigV4.verify(signed, secrets, services.clock().instant());
        if (ctx.isEmpty()) {
            if (session != null) {
                throw new S3Exception(S3Error.ACCESS_DENIED);
            }
            return; // anonymous
        }
        if (bodySha != null && !bodySha.equals(ctx.get().payloadSha256Hex())) {
            // The form body is the whole request: it must be what was signed (no presigned, unsigned or streaming call).
            throw new S3Exception(S3Error.CONTENT_SHA256_MISMATCH, "The Query API requires a header-signed request whose payload"
                    + " hash is the SHA-256 of its body.");
        }
        if (session != null) {
            req.authenticated(ctx.get(), null, Caller.roleSession(session.role(), session.roleId(), session.sessionName()));
            return;
        }
        Account who = services.published().accountByAccessKey(ctx.get().accessKeyId())
                .orElseThrow(() -> new S3Exception(S3Error.INVALID_ACCESS_KEY_ID));
        req.authenticated(ctx.get(), who, services.access().caller(who));
    }

    /** The session a token carries, if it is ours, unexpired, and its role still exists unchanged. */
    private Session openSession(String token) {
        Session s = new SessionTokens(services.sealer()).open(token)
                .orElseThrow(() -> new S3Exception(S3Error.INVALID_TOKEN));
        if (!s.expires().isAfter(services.clock().instant())) {
            throw new S3Exception(S3Error.EXPIRED_TOKEN);
        }
        boolean roleLives = services.published().directory().role(s.role()).filter(r -> r.roleId().equals(s.roleId())).isPresent();
        if (!roleLives) {
            throw new S3Exception(S3Error.INVALID_TOKEN);
        }
        return s;
    }

    /**
     * The policy check of spec §6.3 for the route's actions (spec §8 step 3). A request to a bucket that
     * does not exist is answered NoSuchBucket (step 2 comes first).
     */
    private void authorize(S3Request req, String route) {
        for (Actions.Check c : Actions.of(route, req)) {
            boolean missingBucket = c.bucket() != null && !route.equals("CreateBucket")
                    && services.published().bucket(c.bucket()).isEmpty();
            if (missingBucket) {
                // Never skip the check: a bucket being created right now must not be reachable unchecked.
                throw new S3Exception(S3Error.NO_SUCH_BUCKET, S3Error.NO_SUCH_BUCKET.message(), java.util.Map.of("BucketName", c.bucket()));
            }
            services.access().require(req, c);
        }
    }

    /** A new request id, as every S3 response carries one. */
    public static String newRequestId() {
        return java.util.HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
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
