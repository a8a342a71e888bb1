package org.amber.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** amber-bench's signer must sign exactly as the AWS SDK does, or a comparison with another server is void. */
class SignerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T08:05:09Z");

    @Test
    void signsAPutLikeTheSdk() {
        TreeMap<String, String> q = new TreeMap<>();
        assertSameAuthorization("PUT", "/bucket/dir/a%20key%2B%C3%A9", q,
                Map.of("content-length", "4096", "x-amz-checksum-crc32c", "AAAAAA=="));
    }

    @Test
    void signsSubResourcesAndQueriesLikeTheSdk() {
        TreeMap<String, String> q = new TreeMap<>();
        q.put("retention", "");
        q.put("versionId", "00000000000000001/+=x");
        assertSameAuthorization("PUT", "/bucket/k", q, Map.of("content-md5", "1B2M2Y8AsgTpgAmY7PhCfg=="));
        TreeMap<String, String> list = new TreeMap<>();
        list.put("list-type", "2");
        list.put("prefix", "m/1/ é");
        list.put("continuation-token", "abc==");
        assertSameAuthorization("GET", "/bucket", list, Map.of());
    }

    private static void assertSameAuthorization(String method, String path, TreeMap<String, String> query, Map<String, String> extra) {
        TreeMap<String, String> ours = new TreeMap<>(extra);
        ours.put("host", "127.0.0.1:9000");
        new Signer("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1")
                .sign(method, path, query, ours, Signer.UNSIGNED, NOW);

        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).protocol("https")
                .host("127.0.0.1").port(9000).encodedPath(path);
        query.forEach(b::appendRawQueryParameter);
        extra.forEach(b::putHeader);
        b.putHeader("Host", "127.0.0.1:9000");
        SdkHttpRequest sdk = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .request(b.build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
        assertEquals(sdk.firstMatchingHeader("Authorization").orElseThrow(), ours.get("authorization"));
        assertEquals(sdk.firstMatchingHeader("x-amz-date").orElseThrow(), ours.get("x-amz-date"));
    }
}
