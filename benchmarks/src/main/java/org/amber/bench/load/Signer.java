package org.amber.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3, header form, as the load generator's requests need it and no
 * more: the signing key is derived once per day, the canonical request is built in one pass.
 * {@code SignerTest} checks it against the AWS SDK's own signer. One instance per thread.
 */
final class Signer {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final Mac mac;
    private final MessageDigest sha256;
    private String keyDay = "";
    private SecretKeySpec signingKey;

    Signer(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds {@code x-amz-date}, {@code x-amz-content-sha256} and {@code Authorization} to
     * {@code headers} (lower-case names; {@code host} must be there already).
     *
     * @param encodedPath the path as sent, already URI-encoded
     * @param query       decoded query parameters (a value may be "" for a bare sub-resource)
     */
    void sign(String method, String encodedPath, Map<String, String> query, TreeMap<String, String> headers,
              String payloadHash, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", payloadHash);
        StringBuilder canonical = new StringBuilder(256).append(method).append('\n').append(encodedPath).append('\n');
        canonicalQuery(query, canonical);
        canonical.append('\n');
        StringBuilder signed = new StringBuilder(96);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            canonical.append(h.getKey()).append(':').append(h.getValue().strip()).append('\n');
            if (signed.length() > 0) {
                signed.append(';');
            }
            signed.append(h.getKey());
        }
        canonical.append('\n').append(signed).append('\n').append(payloadHash);
        String scope = day + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical.toString()));
        String signature = HEX.formatHex(hmac(key(day), toSign));
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signed
                + ", Signature=" + signature);
    }

    /** The query string as sent: parameters in canonical order, encoded. */
    static String queryString(Map<String, String> query) {
        StringBuilder b = new StringBuilder();
        canonicalQuery(query, b);
        return b.toString();
    }

    private static void canonicalQuery(Map<String, String> query, StringBuilder out) {
        TreeMap<String, String> sorted = query instanceof TreeMap<String, String> t ? t : new TreeMap<>(query);
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                out.append('&');
            }
            first = false;
            out.append(uriEncode(e.getKey(), true)).append('=').append(uriEncode(e.getValue(), true));
        }
    }

    /** RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes; '/' stays unless {@code slash}. */
    static String uriEncode(String s, boolean slash) {
        StringBuilder b = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !slash);
            if (keep && b == null) {
                continue;
            }
            if (b == null) {
                b = new StringBuilder(bytes.length + 16).append(s, 0, i); // ASCII so far: chars == bytes
            }
            if (keep) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b == null ? s : b.toString();
    }

    byte[] sha256(byte[] data, int off, int len) {
        sha256.update(data, off, len);
        return sha256.digest();
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    private byte[] sha256(String s) {
        return sha256.digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private SecretKeySpec key(String day) {
        if (!day.equals(keyDay)) {
            byte[] k = hmac(new SecretKeySpec(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), "HmacSHA256"), day);
            k = hmac(new SecretKeySpec(k, "HmacSHA256"), region);
            k = hmac(new SecretKeySpec(k, "HmacSHA256"), "s3");
            k = hmac(new SecretKeySpec(k, "HmacSHA256"), "aws4_request");
            signingKey = new SecretKeySpec(k, "HmacSHA256");
            keyDay = day;
        }
        return signingKey;
    }

    private byte[] hmac(SecretKeySpec key, String data) {
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
