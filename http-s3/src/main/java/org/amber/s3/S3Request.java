package org.amber.s3;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.amber.lockd.Account;
import org.amber.lockd.RequestContext;
import org.amber.s3.auth.AuthContext;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;

/**
 * One S3 request after addressing is resolved: which bucket and key it names (path-style or
 * virtual-host), its decoded query parameters, and — once authenticated — who sent it.
 */
public final class S3Request {
    /** S3's limit on a key's UTF-8 length. */
    public static final int MAX_KEY_BYTES = 1024;

    private final Request jetty;
    private final String requestId;
    private final String bucket;
    private final String key;
    private final Map<String, String> query;
    private AuthContext auth;
    private Account account;
    private org.amber.lockd.policy.Caller caller = org.amber.lockd.policy.Caller.anonymous();
    private byte[] formBody;
    private Map<String, List<String>> policyKeys;
    private String operation = "Unknown";
    private Map<String, List<String>> headers;

    private S3Request(Request jetty, String requestId, String bucket, String key, Map<String, String> query) {
        this.jetty = jetty;
        this.requestId = requestId;
        this.bucket = bucket;
        this.key = key;
        this.query = query;
    }

    /** Parses addressing and query; throws S3Exception for an undecodable URI or an over-long key. */
    public static S3Request parse(Request jetty, String requestId, List<String> vhostDomains) {
        String rawPath = jetty.getHttpURI().getPath();
        String path = Percent.decodePath(rawPath == null || rawPath.isEmpty() ? "/" : rawPath);
        String vhostBucket = virtualHostBucket(jetty, vhostDomains);
        String bucket;
        String key;
        if (vhostBucket != null) {
            bucket = vhostBucket;
            key = path.length() > 1 ? path.substring(1) : null;
        } else {
            String rest = path.startsWith("/") ? path.substring(1) : path;
            int slash = rest.indexOf('/');
            bucket = rest.isEmpty() ? null : slash < 0 ? rest : rest.substring(0, slash);
            key = slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
        }
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3Error.KEY_TOO_LONG);
        }
        return new S3Request(jetty, requestId, bucket, key, parseQuery(jetty.getHttpURI().getQuery()));
    }

    private static String virtualHostBucket(Request jetty, List<String> domains) {
        String host = jetty.getHeaders().get("host");
        if (host == null) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        for (String d : domains) {
            if (host.endsWith("." + d) && host.length() > d.length() + 1) {
                return host.substring(0, host.length() - d.length() - 1);
            }
        }
        return null;
    }

    /** A query string or form body, decoded: name → first value, in order. */
    public static Map<String, String> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> q = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = Percent.decodeQuery(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : Percent.decodeQuery(part.substring(eq + 1));
            q.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(q);
    }

    public Level level() {
        return bucket == null ? Level.SERVICE : key == null ? Level.BUCKET : Level.OBJECT;
    }

    public Request jetty() {
        return jetty;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return jetty.getMethod();
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    /** Decoded query parameters (first value of each name). */
    public Map<String, String> query() {
        return query;
    }

    public String param(String name) {
        return query.get(name);
    }

    public String header(String name) {
        return jetty.getHeaders().get(name);
    }

    /**
     * Every value of a header that may be sent as a list, whether as one comma-separated line or as
     * repeated lines (the AWS SDK for Java v2 repeats {@code x-amz-object-attributes}).
     */
    public java.util.List<String> headerList(String name) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String line : jetty.getHeaders().getValuesList(name)) {
            for (String v : line.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }

    /** The names of the request's headers, lower-cased. */
    public java.util.Set<String> headerNames() {
        return headersForSigning().keySet();
    }

    /**
     * Header names lower-cased with all their values in order, as SigV4 needs them; built once per
     * request (routing, SigV4 and the body all read it). Thread: the request's.
     */
    public Map<String, List<String>> headersForSigning() {
        if (headers == null) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (HttpField f : jetty.getHeaders()) {
                out.computeIfAbsent(f.getLowerCaseName(), k -> new java.util.ArrayList<>()).add(f.getValue());
            }
            headers = Collections.unmodifiableMap(out);
        }
        return headers;
    }

    public String sourceIp() {
        return Request.getRemoteAddr(jetty);
    }

    public AuthContext auth() {
        return auth;
    }

    public Account account() {
        return account;
    }

    /** Who sent the request, as policies see it (anonymous until authenticated). */
    public org.amber.lockd.policy.Caller caller() {
        return caller;
    }

    void authenticated(AuthContext ctx, Account who, org.amber.lockd.policy.Caller caller) {
        this.auth = ctx;
        this.account = who;
        this.caller = caller;
    }

    /** The request's own policy condition keys, computed once by {@code compute}. Thread: the request's. */
    public Map<String, List<String>> policyKeys(java.util.function.Supplier<Map<String, List<String>>> compute) {
        if (policyKeys == null) {
            policyKeys = compute.get();
        }
        return policyKeys;
    }

    /** The form-encoded body of an IAM or STS Query API request, read before its signature was checked. */
    public byte[] formBody() {
        return formBody;
    }

    void formBody(byte[] body) {
        this.formBody = body;
    }

    public String operation() {
        return operation;
    }

    void operation(String name) {
        this.operation = name;
    }

    /** Who, from where, which request: what the journal records with every command. */
    public RequestContext context() {
        return new RequestContext(caller.auditName(), sourceIp(), requestId);
    }
}
