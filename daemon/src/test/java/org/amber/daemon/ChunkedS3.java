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
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * aws-chunked and checksum uploads for tests: an SDK client with the SDK's own defaults (aws-chunked,
 * checksums WHEN_SUPPORTED) that records what it sent, and raw PUTs signed by the SDK's signer whose
 * encoded body a test may change in transit before it goes on the socket.
 */
final class ChunkedS3 {
    private final int port;
    private final RootCredentials creds;

    ChunkedS3(int port, RootCredentials creds) {
        this.port = port;
        this.creds = creds;
    }

    /** Keeps the last HTTP request an SDK client put on the wire. */
    static final class Recorder implements ExecutionInterceptor {
        private volatile SdkHttpRequest last;

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            last = context.httpRequest();
        }

        String header(String name) {
            return last.firstMatchingHeader(name).orElse(null);
        }
    }

    /**
     * An S3Client as an application builds it, defaults untouched: over http it sends PUT bodies
     * aws-chunked with signed chunks and a CRC32 trailer. It does not retry, so a test sees each failure.
     */
    static S3Client defaultClient(Daemon d, RootCredentials c, Recorder recorder) {
        return S3Client.builder()
                .endpointOverride(TestDaemons.endpoint(d))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)
                        .retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .httpClient(ApacheHttpClient.builder().build())
                .build();
    }

    /**
     * PUTs {@code data} aws-chunked as the SDK frames it: signed chunks (the http way) or, with
     * {@code signedChunks} false, STREAMING-UNSIGNED-PAYLOAD-TRAILER (the https way); {@code trailer}
     * adds a checksum trailer. {@code transit} may change the encoded body after signing.
     */
    RawS3.Reply putChunked(String rawPath, byte[] data, boolean signedChunks, ChecksumAlgorithm trailer,
                           UnaryOperator<byte[]> transit) throws IOException {
        SdkHttpRequest.Builder b = request(rawPath, signedChunks ? "http" : "https", data.length);
        SignRequest.Builder<AwsCredentialsIdentity> sign = signing(b.build(), data)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signedChunks)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true);
        if (trailer != null) {
            sign.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, trailer);
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign.build());
        return send(rawPath, signed.request(), transit.apply(bytes(signed.payload().orElseThrow())));
    }

    /** PUTs {@code data} plain with a signed payload hash and {@code headers} (signed too, as x-amz-* must be). */
    RawS3.Reply putPlain(String rawPath, byte[] data, Map<String, String> headers) throws IOException {
        SdkHttpRequest.Builder b = request(rawPath, "http", data.length);
        headers.forEach(b::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(signing(b.build(), data)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true).build());
        return send(rawPath, signed.request(), data);
    }

    private SdkHttpRequest.Builder request(String rawPath, String protocol, int length) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol(protocol).host("127.0.0.1").port(port)
                .encodedPath(rawPath).putHeader("Content-Length", Integer.toString(length));
    }

    private SignRequest.Builder<AwsCredentialsIdentity> signing(SdkHttpRequest request, byte[] data) {
        return SignRequest.builder(AwsCredentialsIdentity.create(creds.accessKeyId(), creds.secretKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(data))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);
    }

    /** Sends the signed head as is; a body cut in transit ends the connection's output early. */
    private RawS3.Reply send(String rawPath, SdkHttpRequest req, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("PUT " + rawPath + " HTTP/1.1\r\n");
        long declared = -1;
        for (Map.Entry<String, List<String>> h : req.headers().entrySet()) {
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                declared = Long.parseLong(h.getValue().get(0));
            }
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(body);
                out.flush();
                if (body.length < declared) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer and close before it has read a refused body.
            }
            return read(s.getInputStream());
        }
    }

    private static RawS3.Reply read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        return new RawS3.Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(split + 4));
    }

    private static byte[] bytes(ContentStreamProvider p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.newStream().transferTo(out);
        return out.toByteArray();
    }
}
