package org.amber.s3.list;

import java.util.Map;
import org.amber.s3.Percent;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;

/** The query parameters every listing shares: prefix, delimiter, max-keys, encoding-type. */
public record ListParams(String prefix, String delimiter, int maxKeys, boolean urlEncoded) {
    /** S3 returns at most this many entries per page, whatever max-keys asks. */
    public static final int MAX_KEYS = 1000;

    public static ListParams of(S3Request req) {
        String enc = req.param("encoding-type");
        if (enc != null && !"url".equals(enc)) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request",
                    Map.of("ArgumentName", "encoding-type", "ArgumentValue", enc));
        }
        String prefix = req.param("prefix");
        return new ListParams(prefix == null ? "" : prefix, emptyToNull(req.param("delimiter")),
                maxKeys(req.param("max-keys")), enc != null);
    }

    private static int maxKeys(String v) {
        if (v == null) {
            return MAX_KEYS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return Math.min(n, MAX_KEYS);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range",
                Map.of("ArgumentName", "max-keys", "ArgumentValue", v));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A key or prefix as the response shows it: URL-encoded when encoding-type=url was asked. */
    public String show(String s) {
        return s == null ? null : urlEncoded ? Percent.encodeKey(s) : s;
    }
}
