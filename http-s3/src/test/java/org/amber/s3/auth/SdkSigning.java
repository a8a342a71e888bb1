package org.amber.s3.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Signs requests with the AWS SDK for Java v2's own SigV4 signer and renders them as they go on the wire. */
final class SdkSigning {

    static final String ACCESS_KEY = "AKIAAMBERTEST0000001";
    static final String SECRET = "amber/Secret+Key/0123456789abcdefEXAMPLE";
    static final Instant SIGNED_AT = Instant.parse("2026-01-15T12:34:56Z");
    static final SecretLookup SECRETS = id -> ACCESS_KEY.equals(id) ? Optional.of(SECRET) : Optional.empty();

    /** How the SDK is asked to sign. */
    enum Mode { SIGNED_PAYLOAD, UNSIGNED_PAYLOAD, STREAMING, PRESIGNED }

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SdkSigning() {}

    /** A path-style request to 127.0.0.1:9000; the key is encoded the way the SDK's S3 marshaller encodes it. */
    static SdkHttpRequest.Builder request(SdkHttpMethod method, String bucket, String key) {
        String path = "/" + bucket + (key == null ? "" : "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        return SdkHttpRequest.builder().method(method).protocol("http").host("127.0.0.1").port(9000).encodedPath(path);
    }

    /** Signs {@code request} with {@code body} at {@link #SIGNED_AT} for region us-east-1. */
    static SignedRequest sign(SdkHttpRequest.Builder request, String body, Mode mode) {
        return sign(request, body, mode, "us-east-1", ACCESS_KEY, SECRET);
    }

    static SignedRequest sign(SdkHttpRequest.Builder request, String body, Mode mode, String region,
                              String accessKey, String secret) {
        return sign(request, body, mode, region, AwsCredentialsIdentity.create(accessKey, secret));
    }

    /** Signs with a temporary identity, which adds X-Amz-Security-Token (header or query) to what is signed. */
    static SignedRequest signWithSessionToken(SdkHttpRequest.Builder request, Mode mode, String token) {
        return sign(request, null, mode, "us-east-1", AwsSessionCredentialsIdentity.create(ACCESS_KEY, SECRET, token));
    }

    private static SignedRequest sign(SdkHttpRequest.Builder request, String body, Mode mode, String region,
                                      AwsCredentialsIdentity identity) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (mode == Mode.UNSIGNED_PAYLOAD) {
            // Over plain http the SDK signs the payload whatever it is told; UNSIGNED-PAYLOAD is an https thing.
            request.protocol("https").port(9443);
        }
        if (body != null) {
            request.putHeader("Content-Length", Integer.toString(bytes.length));
        }
        SignRequest.Builder<AwsCredentialsIdentity> sign = SignRequest.builder(identity)
                .request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, mode == Mode.SIGNED_PAYLOAD || mode == Mode.STREAMING)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, mode == Mode.STREAMING)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        if (body != null) {
            sign.payload(ContentStreamProvider.fromByteArray(bytes));
        }
        if (mode == Mode.PRESIGNED) {
            sign.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofHours(1));
        }
        return onTheWire(SIGNER.sign(sign.build()).request());
    }

    /**
     * What an HTTP client sends for the signed request: the SDK's encoded path and encoded query (its
     * HTTP clients build the URI from exactly these), headers lower-cased, and Host as the client adds it.
     */
    static SignedRequest onTheWire(SdkHttpRequest signed) {
        URI uri = signed.getUri();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        headers.putIfAbsent("host", List.of(uri.getRawAuthority()));
        String path = signed.encodedPath().isEmpty() ? "/" : signed.encodedPath();
        return new SignedRequest(signed.method().name(), path, signed.encodedQueryParameters().orElse(null), headers);
    }
}
