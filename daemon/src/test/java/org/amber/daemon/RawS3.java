package org.amber.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Sends one SigV4-signed HTTP/1.1 request over a plain socket, so a test controls what no SDK
 * lets it: the Host header (virtual-host addressing), sub-resources, and a body that ends early.
 */
final class RawS3 {
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final RootCredentials creds;

    RawS3(int port, RootCredentials creds) {
        this.port = port;
        this.creds = creds;
    }

    /** Signs and sends; {@code send} bytes of the body are actually written (all of them if negative). */
    Reply call(String method, String host, String rawPath, String rawQuery, byte[] body, int send) throws IOException {
        return call(method, host, rawPath, rawQuery, body, body, send);
    }

    /** Signs the payload hash of {@code signed} but sends {@code sent}: a body changed in transit. */
    Reply callTampered(String method, String rawPath, byte[] signed, byte[] sent) throws IOException {
        return call(method, "127.0.0.1", rawPath, null, signed, sent, -1, Map.of());
    }

    /** A request with extra (signed) headers. */
    Reply call(String method, String rawPath, String rawQuery, byte[] body, Map<String, String> headers) throws IOException {
        return call(method, "127.0.0.1", rawPath, rawQuery, body, body, -1, headers);
    }

    private Reply call(String method, String host, String rawPath, String rawQuery, byte[] body, byte[] sent, int send)
            throws IOException {
        return call(method, host, rawPath, rawQuery, body, sent, send, Map.of());
    }

    private Reply call(String method, String host, String rawPath, String rawQuery, byte[] body, byte[] sent, int send,
                       Map<String, String> extra) throws IOException {
        String head = head(method, host, rawPath, rawQuery, body, extra, true);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(sent, 0, send < 0 ? sent.length : send);
            out.flush();
            if (send >= 0 && send < body.length) {
                s.shutdownOutput();
            }
            return read(s.getInputStream(), method.equals("HEAD"));
        }
    }

    /** The signed request line and headers, ending with the blank line. */
    private String head(String method, String host, String rawPath, String rawQuery, byte[] body, Map<String, String> extra,
                        boolean close) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).protocol("http")
                .host(host).port(port).encodedPath(rawPath);
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                int eq = part.indexOf('=');
                b.appendRawQueryParameter(decode(eq < 0 ? part : part.substring(0, eq)), eq < 0 ? null : decode(part.substring(eq + 1)));
            }
        }
        if (body.length > 0 || method.equals("PUT")) {
            b.putHeader("Content-Length", Integer.toString(body.length));
        }
        extra.forEach(b::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(creds.accessKeyId(), creds.secretKey()))
                .request(b.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        SdkHttpRequest req = signed.request();
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(rawPath).append(rawQuery == null ? "" : "?" + rawQuery).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : req.headers().entrySet()) {
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        head.append(close ? "Connection: close\r\n\r\n" : "\r\n");
        return head.toString();
    }

    /** A signed PUT whose body is written in {@code pieces} parts, {@code pauseMillis} apart. */
    Reply putInPieces(String rawPath, byte[] body, int pieces, long pauseMillis) throws IOException, InterruptedException {
        String head = head("PUT", "127.0.0.1", rawPath, null, body, Map.of(), true);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < pieces; i++) {
                Thread.sleep(pauseMillis);
                int from = (int) ((long) body.length * i / pieces);
                int to = (int) ((long) body.length * (i + 1) / pieces);
                out.write(body, from, to - from);
                out.flush();
            }
            return read(s.getInputStream(), false);
        }
    }

    /**
     * Signed PUTs of {@code bodies} to {@code rawPaths}, all written on one connection before any reply is
     * read (HTTP/1.1 pipelining); the replies, in order.
     */
    List<Reply> pipelinedPuts(List<String> rawPaths, List<byte[]> bodies) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < rawPaths.size(); i++) {
            all.write(head("PUT", "127.0.0.1", rawPaths.get(i), null, bodies.get(i), Map.of(), false).getBytes(StandardCharsets.UTF_8));
            all.write(bodies.get(i));
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(all.toByteArray());
            s.getOutputStream().flush();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            List<Reply> replies = new java.util.ArrayList<>();
            for (int i = 0; i < rawPaths.size(); i++) {
                replies.add(readOne(in));
            }
            return replies;
        }
    }

    /** One response of a persistent connection, its body framed by Content-Length. */
    private static Reply readOne(InputStream in) throws IOException {
        Reply head = readHead(in);
        byte[] body = in.readNBytes(Integer.parseInt(head.headers().getOrDefault("content-length", "0")));
        return new Reply(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /** The status line and headers of a response, up to the blank line; no body. */
    private static Reply readHead(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, "");
    }

    /** One line of a response's head, UTF-8, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + b.toString(StandardCharsets.UTF_8));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    Reply call(String method, String rawPath, String rawQuery, byte[] body) throws IOException {
        return call(method, "127.0.0.1", rawPath, rawQuery, body, -1);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The one response of a connection the server closes after it: its body is the rest of the stream. */
    private static Reply read(InputStream in, boolean head) throws IOException {
        InputStream buffered = new java.io.BufferedInputStream(in);
        Reply h = readHead(buffered);
        return new Reply(h.status(), h.headers(), head ? "" : new String(buffered.readAllBytes(), StandardCharsets.UTF_8));
    }
}
