package org.amber.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Addressing, signatures, bad bodies and the route allow-list, against a real daemon. */
class S3ProtocolTest {
    @RegisterExtension
    static final RunningDaemon amber = new RunningDaemon();
    static Daemon daemon;
    static RootCredentials root;
    static S3Client s3;
    static RawS3 raw;

    @BeforeAll
    static void start() throws Exception {
        daemon = amber.daemon();
        root = amber.root();
        s3 = amber.client();
        raw = new RawS3(daemon.s3Port(), root);
        s3.createBucket(b -> b.bucket("proto"));
        s3.putObject(b -> b.bucket("proto").key("k"), RequestBody.fromString("original"));
    }


    @Test
    void virtualHostAddressing() throws Exception {
        s3.createBucket(b -> b.bucket("vhost"));
        RawS3.Reply put = raw.call("PUT", "vhost.localhost", "/dir/a%20b", null, "via vhost".getBytes(StandardCharsets.UTF_8), -1);
        assertEquals(200, put.status(), put.body());
        assertEquals("via vhost", s3.getObjectAsBytes(b -> b.bucket("vhost").key("dir/a b")).asUtf8String());
        RawS3.Reply list = raw.call("GET", "vhost.localhost", "/", "list-type=2", new byte[0], -1);
        assertEquals(200, list.status());
        assertTrue(list.body().contains("<Key>dir/a b</Key>"), list.body());
    }

    @Test
    void bodyShorterThanContentLengthIsIncompleteBodyAndStoresNothing() throws Exception {
        byte[] body = new byte[100_000];
        RawS3.Reply r = raw.call("PUT", "127.0.0.1", "/proto/partial", null, body, 50_000);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("<Code>IncompleteBody</Code>"), r.body());
        S3Exception e = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("proto").key("partial")));
        assertEquals(404, e.statusCode());
        assertTrue(s3.listObjectVersions(b -> b.bucket("proto").prefix("partial")).versions().isEmpty());
    }

    @Test
    void badBucketNamesAreInvalidBucketName() throws Exception {
        for (String name : List.of("Bad_Name", "ab", "a..b", "192.168.1.1", "-leading", "x".repeat(64))) {
            RawS3.Reply r = raw.call("PUT", "/" + name, null, new byte[0]);
            assertEquals(400, r.status(), name + ": " + r.body());
            assertTrue(r.body().contains("<Code>InvalidBucketName</Code>"), r.body());
        }
        assertTrue(s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals("ab")));
    }

    @Test
    void aBodyThatDoesNotMatchItsSignedHashIsRefusedAndNotStored() throws Exception {
        byte[] signed = "the body the client signed".getBytes(StandardCharsets.UTF_8);
        byte[] sent = "the body someone swapped in".getBytes(StandardCharsets.UTF_8);
        RawS3.Reply r = raw.callTampered("PUT", "/proto/tampered", signed, java.util.Arrays.copyOf(sent, signed.length));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("<Code>XAmzContentSHA256Mismatch</Code>"), r.body());
        assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket("proto").key("tampered")));
    }

    /** STYLE.md §3.6: errors Jetty raises before any S3 code runs are S3 XML errors too, with a request id. */
    @Test
    void jettysOwnErrorsAreS3Errors() throws Exception {
        String garbage = rawExchange("GARBAGE\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 400"), garbage);
        assertTrue(garbage.contains("<Code>InvalidRequest</Code>"), garbage);
        String huge = rawExchange("GET /proto HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertTrue(huge.contains("<Code>RequestHeaderSectionTooLarge</Code>"), huge);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("<RequestId>([0-9A-F]{16})</RequestId>").matcher(huge);
        assertTrue(id.find() && !id.group(1).equals("0000000000000000"), huge);
        assertTrue(huge.toLowerCase(java.util.Locale.ROOT).contains("x-amz-request-id: " + id.group(1).toLowerCase(java.util.Locale.ROOT)), huge);
    }

    private static String rawExchange(String request) throws Exception {
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", daemon.s3Port())) {
            sock.setSoTimeout(10_000);
            sock.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(sock.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (S3Client bad = TestDaemons.client(TestDaemons.endpoint(daemon), root.accessKeyId(), "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class, () -> bad.listBuckets());
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
        try (S3Client unknown = TestDaemons.client(TestDaemons.endpoint(daemon), "AKIDUNKNOWN000000000", "x")) {
            S3Exception e = assertThrows(S3Exception.class, () -> unknown.listBuckets());
            assertEquals("InvalidAccessKeyId", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void presignedGetPutAndExpiry() throws Exception {
        try (S3Presigner p = S3Presigner.builder().endpointOverride(TestDaemons.endpoint(daemon)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URL put = p.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket("proto").key("presigned"))).url();
            HttpURLConnection c = (HttpURLConnection) put.openConnection();
            c.setRequestMethod("PUT");
            c.setDoOutput(true);
            c.getOutputStream().write("presigned body".getBytes(StandardCharsets.UTF_8));
            assertEquals(200, c.getResponseCode());
            URL get = p.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket("proto").key("presigned"))).url();
            HttpURLConnection g = (HttpURLConnection) get.openConnection();
            assertEquals(200, g.getResponseCode());
            assertEquals("presigned body", new String(g.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

            URL soon = p.presignGetObject(b -> b.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(o -> o.bucket("proto").key("presigned"))).url();
            Thread.sleep(2100);
            HttpURLConnection x = (HttpURLConnection) soon.openConnection();
            assertEquals(403, x.getResponseCode());
            String err = new String(x.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.contains("<Code>AccessDenied</Code>") && err.contains("Request has expired"), err);
        }
    }

    /** Issue 3: a presigned GET and a presigned PUT work with curl. */
    @Test
    void presignedUrlsWorkWithCurl(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        byte[] data = TestDaemons.randomBytes(300_000, 9);
        Path up = tmp.resolve("up.bin");
        Path down = tmp.resolve("down.bin");
        java.nio.file.Files.write(up, data);
        try (S3Presigner p = S3Presigner.builder().endpointOverride(TestDaemons.endpoint(daemon)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(root.accessKeyId(), root.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            String put = p.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket("proto").key("curl/file name+1.bin"))).url().toString();
            String get = p.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket("proto").key("curl/file name+1.bin"))).url().toString();
            assertEquals(0, run("curl", "-sS", "-f", "-T", up.toString(), put));
            assertEquals(0, run("curl", "-sS", "-f", "-o", down.toString(), get));
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, java.nio.file.Files.readAllBytes(down));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            System.out.println(String.join(" ", cmd) + " -> " + code + ": " + out);
        }
        return code;
    }

    static Stream<Arguments> unimplemented() {
        List<String> objectSubs = List.of("retention", "legal-hold", "tagging", "acl", "uploads", "uploadId=x&partNumber=1",
                "uploadId=x", "restore", "select&select-type=2", "torrent", "attributes", "partNumber=1", "no-such-thing");
        List<String> bucketSubs = List.of("object-lock", "policy", "lifecycle", "cors", "acl", "tagging", "encryption",
                "website", "replication", "uploads", "delete", "policyStatus", "list-type=1&no-such-thing");
        // What the route table does implement among these (tagging: PUT, GET and DELETE).
        java.util.Set<String> objectRoutes = java.util.Set.of("PUT tagging", "GET tagging", "DELETE tagging", "GET attributes",
                "POST uploads", "PUT uploadId=x&partNumber=1", "POST uploadId=x", "DELETE uploadId=x", "GET uploadId=x",
                "GET partNumber=1", "PUT retention", "GET retention", "PUT legal-hold", "GET legal-hold");
        java.util.Set<String> bucketRoutes = java.util.Set.of("POST delete", "GET uploads", "PUT object-lock", "GET object-lock",
                "PUT policy", "GET policy", "DELETE policy", "GET policyStatus");
        Stream<Arguments> obj = objectSubs.stream().flatMap(q -> Stream.of("PUT", "GET", "POST", "DELETE")
                .filter(m -> !objectRoutes.contains(m + " " + q)).map(m -> Arguments.of(m, "/proto/k", q)));
        Stream<Arguments> bkt = bucketSubs.stream().flatMap(q -> Stream.of("PUT", "GET", "POST", "DELETE")
                .filter(m -> !bucketRoutes.contains(m + " " + q)).map(m -> Arguments.of(m, "/proto", q)));
        return Stream.of(obj, bkt, Stream.of(Arguments.of("POST", "/proto/k", null), Arguments.of("POST", "/proto", null),
                Arguments.of("PATCH", "/proto/k", null))).flatMap(s -> s);
    }

    /** STYLE.md §3.1: an unknown sub-resource never falls through to another operation. */
    @ParameterizedTest(name = "{0} {1}?{2}")
    @MethodSource("unimplemented")
    void unimplementedRoutesAre501AndChangeNothing(String method, String path, String query) throws Exception {
        String before = snapshot();
        byte[] body = "<Retention><Mode>GOVERNANCE</Mode></Retention>".getBytes(StandardCharsets.UTF_8);
        RawS3.Reply r = raw.call(method, path, query, method.equals("GET") || method.equals("DELETE") ? new byte[0] : body);
        assertEquals(501, r.status(), r.body());
        assertTrue(r.body().contains("<Code>NotImplemented</Code>"), r.body());
        assertEquals(before, snapshot());
    }

    private static String snapshot() {
        String versions = s3.listObjectVersions(b -> b.bucket("proto")).versions().stream()
                .map(v -> v.key() + "@" + v.versionId() + "#" + v.eTag()).collect(Collectors.joining(","));
        return versions + "|" + s3.getObjectAsBytes(b -> b.bucket("proto").key("k")).asUtf8String()
                + "|" + s3.listBuckets().buckets().size();
    }
}
