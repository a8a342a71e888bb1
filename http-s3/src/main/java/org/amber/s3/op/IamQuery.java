package org.amber.s3.op;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.iam.QueryApi;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /} with a form body: the IAM and STS Query APIs on the S3 port ({@code aws iam|sts
 * --endpoint-url}). The service is the one the request was signed for.
 */
public final class IamQuery implements S3Operation {
    private final QueryApi api;
    private final S3Services s;

    public IamQuery(S3Services s) {
        this.s = s;
        this.api = new QueryApi(s);
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Map<String, String> form = parseForm(req.formBody());
        QueryApi.Call call = new QueryApi.Call(service(req), form, req.caller(), req.context(),
                (action, resource) -> s.access().facts(req, action, resource, Map.of()));
        api.handle(call, (status, body) -> write(response, callback, status, body));
    }

    /** {@code iam} or {@code sts}, from the credential scope; {@code iam} for an unsigned request. */
    public static String service(S3Request req) {
        if (req.auth() == null) {
            return "iam";
        }
        String[] scope = req.auth().scope().split("/");
        return scope.length >= 3 && scope[2].equals("sts") ? "sts" : "iam";
    }

    public static void write(Response response, Callback callback, int status, byte[] body) {
        org.amber.s3.Responses.body(response, callback, status, "text/xml", body);
    }

    /** An error of a Query API request, as the ErrorResponse document aws iam and aws sts parse. */
    public static void writeError(S3Request req, String requestId, String code, String message, int status, Response response,
                                  Callback callback) {
        write(response, callback, status, org.amber.s3.iam.QueryReply.error(service(req), requestId, code, message, status));
    }

    /** An {@code application/x-www-form-urlencoded} body: name → first value. */
    public static Map<String, String> parseForm(byte[] body) {
        return body == null ? Map.of() : S3Request.parseQuery(new String(body, StandardCharsets.UTF_8));
    }
}
