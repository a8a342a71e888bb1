package org.amber.bench.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The S3 calls the load generator makes, path-style over one {@link Connection}, signed with
 * {@link Signer} and an unsigned payload (what SDKs send over TLS; bodies are still covered by the
 * checksum headers where S3 requires one). Any status other than the expected one is an
 * {@link S3Failure}: a benchmark never counts a failed request as done. One instance per thread.
 */
final class S3Client implements AutoCloseable {
    /** A response S3 should not have given. */
    static final class S3Failure extends IOException {
        S3Failure(String what, Connection.Response r) {
            super(what + ": HTTP " + r.status() + (r.body() == null ? "" : " " + new String(r.body(), StandardCharsets.UTF_8)));
        }
    }

    /** One page of a listing. */
    record Page(List<String> keys, String nextToken) {
    }

    /** What every thread's client needs to reach one endpoint. */
    record Target(URI endpoint, String accessKey, String secretKey, String region) {
        String hostHeader() {
            return endpoint.getHost() + ":" + port();
        }

        int port() {
            return endpoint.getPort() > 0 ? endpoint.getPort() : 80;
        }
    }

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();
    private final Target target;
    private final Signer signer;
    private final Connection connection;
    private final CRC32C crc = new CRC32C();
    private final MessageDigest md5;

    S3Client(Target target) {
        this.target = target;
        this.signer = new Signer(target.accessKey(), target.secretKey(), target.region());
        this.connection = new Connection(new InetSocketAddress(target.endpoint().getHost(), target.port()));
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CreateBucket; with {@code lock}, Object Lock enabled (and so versioning). An existing bucket of ours is fine. */
    void createBucket(String bucket, boolean lock) throws IOException {
        TreeMap<String, String> h = new TreeMap<>();
        if (lock) {
            h.put("x-amz-bucket-object-lock-enabled", "true");
        }
        Connection.Response r = call("PUT", bucket, null, Map.of(), h, new byte[0], 0, 0, true);
        if (r.status() != 200 && !(r.status() == 409 && r.text().contains("BucketAlreadyOwnedByYou"))) {
            throw new S3Failure("CreateBucket " + bucket, r);
        }
    }

    /** PutObjectLockConfiguration: a default retention of {@code days} in {@code mode}. */
    void defaultRetention(String bucket, String mode, int days) throws IOException {
        byte[] xml = ("<ObjectLockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ObjectLockEnabled>Enabled</ObjectLockEnabled>"
                + "<Rule><DefaultRetention><Mode>" + mode + "</Mode><Days>" + days + "</Days></DefaultRetention></Rule>"
                + "</ObjectLockConfiguration>").getBytes(StandardCharsets.UTF_8);
        expect("PutObjectLockConfiguration", 200, call("PUT", bucket, null, Map.of("object-lock", ""), md5Header(xml), xml, 0, xml.length, true));
    }

    /** PutObject with a CRC32C checksum header (S3 requires an integrity header on locked buckets); returns the version id. */
    String put(String bucket, String key, byte[] data, int off, int len) throws IOException {
        crc.reset();
        crc.update(data, off, len);
        int v = (int) crc.getValue();
        byte[] c = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        TreeMap<String, String> h = new TreeMap<>();
        h.put("x-amz-checksum-crc32c", Base64.getEncoder().encodeToString(c));
        Connection.Response r = call("PUT", bucket, key, Map.of(), h, data, off, len, false);
        return expect("PutObject " + key, 200, r).header("x-amz-version-id");
    }

    /** PutObject of {@code length} bytes written from {@code pattern} over and over, no checksum header. */
    void putLarge(String bucket, String key, byte[] pattern, long length) throws IOException {
        expect("PutObject " + key, 200, call("PUT", bucket, key, Map.of(), new TreeMap<>(), out -> {
            for (long left = length; left > 0; ) {
                int n = (int) Math.min(pattern.length, left);
                out.write(pattern, 0, n);
                left -= n;
            }
        }, length, false));
    }

    /** GetObject, of bytes {@code from}..{@code to} inclusive when {@code from} >= 0; returns the bytes read. */
    long get(String bucket, String key, long from, long to) throws IOException {
        TreeMap<String, String> h = new TreeMap<>();
        if (from >= 0) {
            h.put("range", "bytes=" + from + "-" + to);
        }
        Connection.Response r = call("GET", bucket, key, Map.of(), h, null, -1, false);
        long got = expect("GetObject " + key, from >= 0 ? 206 : 200, r).bodyLength();
        if (from >= 0 && got != to - from + 1) {
            throw new S3Failure("GetObject " + key + " returned " + got + " bytes of " + (to - from + 1), r);
        }
        return got;
    }

    /** HeadObject; returns Content-Length. */
    long head(String bucket, String key) throws IOException {
        return Long.parseLong(expect("HeadObject " + key, 200, call("HEAD", bucket, key, Map.of(), new TreeMap<>(), null, -1, false))
                .header("content-length"));
    }

    /** One ListObjectsV2 page. */
    Page list(String bucket, String prefix, String token, int maxKeys) throws IOException {
        TreeMap<String, String> q = new TreeMap<>();
        q.put("list-type", "2");
        q.put("max-keys", Integer.toString(maxKeys));
        if (prefix != null) {
            q.put("prefix", prefix);
        }
        if (token != null) {
            q.put("continuation-token", token);
        }
        Connection.Response r = expect("ListObjectsV2", 200, call("GET", bucket, null, q, new TreeMap<>(), null, -1, true));
        List<String> keys = new ArrayList<>();
        String[] next = {null};
        boolean[] truncated = {false};
        parse(r.body(), (path, text) -> {
            switch (path) {
                case "Key" -> keys.add(text);
                case "NextContinuationToken" -> next[0] = text;
                case "IsTruncated" -> truncated[0] = Boolean.parseBoolean(text);
                default -> { }
            }
        });
        return new Page(keys, truncated[0] ? next[0] : null);
    }

    /** PutObjectRetention on one version (Content-MD5 as S3 requires), bypassing governance if asked. */
    void retention(String bucket, String key, String versionId, String mode, Instant until, boolean bypass) throws IOException {
        byte[] xml = ("<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>" + mode + "</Mode><RetainUntilDate>"
                + until + "</RetainUntilDate></Retention>").getBytes(StandardCharsets.UTF_8);
        TreeMap<String, String> h = md5Header(xml);
        if (bypass) {
            h.put("x-amz-bypass-governance-retention", "true");
        }
        expect("PutObjectRetention " + key, 200,
                call("PUT", bucket, key, Map.of("retention", "", "versionId", versionId), h, xml, 0, xml.length, true));
    }

    /** GetObjectRetention's RetainUntilDate of one version. */
    Instant retainUntil(String bucket, String key, String versionId) throws IOException {
        Connection.Response r = expect("GetObjectRetention " + key, 200,
                call("GET", bucket, key, Map.of("retention", "", "versionId", versionId), new TreeMap<>(), null, -1, true));
        Instant[] until = {null};
        parse(r.body(), (path, text) -> {
            if (path.equals("RetainUntilDate")) {
                until[0] = Instant.parse(text);
            }
        });
        return until[0];
    }

    String createMultipart(String bucket, String key) throws IOException {
        Connection.Response r = expect("CreateMultipartUpload", 200,
                call("POST", bucket, key, Map.of("uploads", ""), new TreeMap<>(), new byte[0], 0, 0, true));
        String[] id = {null};
        parse(r.body(), (path, text) -> {
            if (path.equals("UploadId")) {
                id[0] = text;
            }
        });
        return id[0];
    }

    /** UploadPart of {@code length} bytes from {@code pattern}; returns the ETag. */
    String uploadPart(String bucket, String key, String uploadId, int part, byte[] pattern, long length) throws IOException {
        Connection.Response r = call("PUT", bucket, key, Map.of("partNumber", Integer.toString(part), "uploadId", uploadId),
                new TreeMap<>(), out -> {
                    for (long left = length; left > 0; ) {
                        int n = (int) Math.min(pattern.length, left);
                        out.write(pattern, 0, n);
                        left -= n;
                    }
                }, length, false);
        return expect("UploadPart " + part, 200, r).header("etag");
    }

    void completeMultipart(String bucket, String key, String uploadId, List<String> etags) throws IOException {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>").append(etags.get(i)).append("</ETag></Part>");
        }
        byte[] body = xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
        Connection.Response r = expect("CompleteMultipartUpload", 200,
                call("POST", bucket, key, Map.of("uploadId", uploadId), new TreeMap<>(), body, 0, body.length, true));
        if (r.text().contains("<Error>")) {
            throw new S3Failure("CompleteMultipartUpload", r);
        }
    }

    private TreeMap<String, String> md5Header(byte[] body) {
        TreeMap<String, String> h = new TreeMap<>();
        h.put("content-md5", Base64.getEncoder().encodeToString(md5.digest(body)));
        return h;
    }

    private static Connection.Response expect(String what, int status, Connection.Response r) throws S3Failure {
        if (r.status() != status) {
            throw new S3Failure(what, r);
        }
        return r;
    }

    private Connection.Response call(String method, String bucket, String key, Map<String, String> query, TreeMap<String, String> headers,
                                     byte[] body, int off, int len, boolean keep) throws IOException {
        return call(method, bucket, key, query, headers, body == null ? null : out -> out.write(body, off, len), body == null ? -1 : len, keep);
    }

    private Connection.Response call(String method, String bucket, String key, Map<String, String> query, TreeMap<String, String> headers,
                                     Connection.Body body, long length, boolean keep) throws IOException {
        String path = "/" + bucket + (key == null ? "" : "/" + Signer.uriEncode(key, false));
        headers.put("host", target.hostHeader());
        if (length >= 0) {
            headers.put("content-length", Long.toString(length));
        }
        signer.sign(method, path, query, headers, Signer.UNSIGNED, Instant.now());
        StringBuilder head = new StringBuilder(512).append(method).append(' ').append(path);
        if (!query.isEmpty()) {
            head.append('?').append(Signer.queryString(query));
        }
        head.append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        return connection.exchange(head.toString().getBytes(StandardCharsets.UTF_8), body, method.equals("HEAD"), keep);
    }

    /** Calls {@code onText} with each element's local name and text. */
    private static void parse(byte[] xml, java.util.function.BiConsumer<String, String> onText) throws IOException {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            String element = null;
            StringBuilder text = new StringBuilder();
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        element = r.getLocalName();
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS -> text.append(r.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (r.getLocalName().equals(element)) {
                            onText.accept(element, text.toString());
                        }
                        element = null;
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("unreadable XML: " + new String(xml, StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
