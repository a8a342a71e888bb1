package org.amber.s3.body;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.PayloadMode;
import org.amber.s3.auth.SecretLookup;
import org.amber.s3.auth.SigV4;
import org.amber.s3.auth.SignedRequest;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds aws-chunked PUTs with the AWS SDK for Java v2's own signer (what S3Client sends on the wire),
 * and verifies their seed signature with our SigV4 to get the AuthContext the decoder works from.
 */
final class ChunkedSigning {
    static final String ACCESS_KEY = "AKIAAMBERTEST0000001";
    static final String SECRET = "amber/Secret+Key/0123456789abcdefEXAMPLE";
    static final Instant SIGNED_AT = Instant.parse("2026-01-15T12:34:56Z");
    static final SecretLookup SECRETS = id -> ACCESS_KEY.equals(id) ? Optional.of(SECRET) : Optional.empty();

    /** A request as it goes on the wire: lower-case headers and the encoded body. */
    record Wire(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(0);
        }

        Wire withHeader(String name, String value) {
            Map<String, List<String>> h = new LinkedHashMap<>(headers);
            h.put(name, List.of(value));
            return new Wire(h, body);
        }

        Wire withBody(byte[] newBody) {
            return new Wire(headers, newBody);
        }

        /** What SigV4 sees of this request (the signature covers the headers, never the body). */
        AuthContext auth() {
            return SigV4.verify(new SignedRequest("PUT", "/bucket/key", null, headers), SECRETS, SIGNED_AT).orElseThrow();
        }
    }

    private ChunkedSigning() {
    }

    /**
     * Signs a PUT of {@code data} as S3Client does with chunked encoding on. {@code signedPayload} false is
     * the https flavour (STREAMING-UNSIGNED-PAYLOAD-TRAILER when a checksum is asked for); {@code checksum}
     * null sends no trailer.
     */
    static Wire sign(byte[] data, boolean signedPayload, ChecksumAlgorithm checksum) {
        return sign(data, signedPayload, checksum, data.length);
    }

    /** As above, but the signer is told the object has {@code declaredLength} bytes (it signs that as x-amz-decoded-content-length). */
    static Wire sign(byte[] data, boolean signedPayload, ChecksumAlgorithm checksum, long declaredLength) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .protocol(signedPayload ? "http" : "https").host("127.0.0.1").port(signedPayload ? 9000 : 9443)
                .encodedPath("/bucket/key").putHeader("Content-Length", Long.toString(declaredLength)).build();
        SignRequest.Builder<AwsCredentialsIdentity> sign = SignRequest.builder(AwsCredentialsIdentity.create(ACCESS_KEY, SECRET))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(data))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        if (checksum != null) {
            sign.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, checksum);
        }
        var signed = AwsV4HttpSigner.create().sign(sign.build());
        return new Wire(headersOf(signed.request()), bytes(signed.payload().orElseThrow()));
    }

    private static Map<String, List<String>> headersOf(SdkHttpRequest signed) {
        URI uri = signed.getUri();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        headers.putIfAbsent("host", List.of(uri.getRawAuthority()));
        return headers;
    }

    private static byte[] bytes(ContentStreamProvider p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            p.newStream().transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An aws-chunked body framed by hand, unsigned: chunks of {@code chunkSize}, then {@code trailerLines}. */
    static byte[] unsignedChunked(byte[] data, int chunkSize, String trailerLines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += chunkSize) {
            int n = Math.min(chunkSize, data.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("0\r\n" + trailerLines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** What SigV4 yields for a STREAMING-UNSIGNED-PAYLOAD-TRAILER request: nothing about the body is signed. */
    static AuthContext unsignedTrailerAuth() {
        return new AuthContext(ACCESS_KEY, PayloadMode.STREAMING_UNSIGNED_TRAILER, null, "20260115T123456Z",
                "20260115/us-east-1/s3/aws4_request", "0".repeat(64), new byte[32], false);
    }
}
