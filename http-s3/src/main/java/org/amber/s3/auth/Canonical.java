package org.amber.s3.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds SigV4's canonical request and string to sign, with S3's rules for the path. */
final class Canonical {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SIGNATURE_PARAM = "X-Amz-Signature";

    private static final Comparator<QueryParams.Param> BY_ENCODED =
            Comparator.comparing(QueryParams.Param::encodedName).thenComparing(QueryParams.Param::encodedValue);

    private Canonical() {}

    /**
     * The canonical request. The path is used exactly as sent: S3 (unlike other services) neither
     * double-encodes nor normalises "//" or "." segments, and every S3 client signs the path it sends.
     */
    static String request(SignedRequest req, String path, List<QueryParams.Param> query, boolean presigned,
                          List<String> signedHeaders, String signedHeadersLine, String payloadHash) {
        return req.method() + '\n' + path + '\n' + query(query, presigned) + '\n'
                + headers(req.headers(), signedHeaders) + '\n' + signedHeadersLine + '\n' + payloadHash;
    }

    /**
     * The canonical URIs a client may have signed for this path: the path exactly as sent, and — if
     * different — the decoded path re-encoded with UriEncode, keeping '/'. The second is what AWS S3
     * itself computes: the AWS SDK for Java v2 signs a key with "//" as is but sends "/%2F" so that
     * HTTP clients do not collapse the slashes. Both name the same key, so accepting either binds
     * the signature to the same object.
     */
    static List<String> paths(String rawPath) {
        String raw = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String reEncoded = QueryParams.encode(QueryParams.decode(raw, false)).replace("%2F", "/");
        return reEncoded.equals(raw) ? List.of(raw) : List.of(raw, reEncoded);
    }

    /** The string to sign for {@code canonicalRequest}. */
    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + SigningKeys.sha256Hex(canonicalRequest);
    }

    /** Parameters re-encoded and sorted by name then value; a presigned URL's own signature is left out. */
    static String query(List<QueryParams.Param> params, boolean presigned) {
        List<QueryParams.Param> sorted = new ArrayList<>(params.size());
        for (QueryParams.Param p : params) {
            if (!(presigned && p.name().equals(SIGNATURE_PARAM))) {
                sorted.add(p);
            }
        }
        sorted.sort(BY_ENCODED);
        StringBuilder sb = new StringBuilder();
        for (QueryParams.Param p : sorted) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p.encodedName()).append('=').append(p.encodedValue());
        }
        return sb.toString();
    }

    /** One "name:value\n" line per signed header, in the order the client listed them. */
    static String headers(Map<String, List<String>> headers, List<String> signedHeaders) {
        StringBuilder sb = new StringBuilder();
        for (String name : signedHeaders) {
            sb.append(name).append(':').append(headerValue(headers.get(name))).append('\n');
        }
        return sb.toString();
    }

    /** Values trimmed, inner whitespace runs collapsed to one space, repeated headers joined with ','. */
    private static String headerValue(List<String> values) {
        if (values == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String value : values) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            appendCollapsed(sb, value == null ? "" : value);
        }
        return sb.toString();
    }

    private static void appendCollapsed(StringBuilder sb, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
                started = true;
            }
        }
    }
}
