package org.amber.s3.body;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.amber.lockd.ObjectMeta;
import org.amber.s3.Ops;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;
import org.amber.s3.auth.AuthContext;
import org.amber.s3.auth.PayloadMode;
import org.eclipse.jetty.io.Content;

/**
 * A PUT's body as the client framed it (plain with a Content-Length, or aws-chunked in one of the three
 * STREAMING-* payload modes) and the checks due once its bytes are read: the signed SHA-256, the
 * requested x-amz-checksum-*, the Content-MD5, in S3's order. Not thread-safe: one per request.
 */
public final class IncomingBody {
    /** The object's length when the body is aws-chunked; Content-Length then counts the encoded bytes. */
    public static final String DECODED_LENGTH = "x-amz-decoded-content-length";
    private static final String AWS_CHUNKED = "aws-chunked";

    /**
     * What the checks found.
     *
     * @param md5      the MD5 of the object bytes (the ETag)
     * @param checksum the client's checksum, verified; else the one computed server-side when one was
     *                 asked of {@link #newDigests(ChecksumAlgorithm)}; else null
     */
    public record Verified(byte[] md5, VerifiedChecksum checksum) {
    }

    private final PayloadMode mode;
    private final long length;
    private final String payloadSha256Hex;
    private final ExpectedChecksum checksum;
    private final ChunkSignatures signatures;
    private final Supplier<InputStream> raw;
    private AwsChunkedInputStream chunked;

    private IncomingBody(PayloadMode mode, long length, String payloadSha256Hex, ExpectedChecksum checksum,
                         ChunkSignatures signatures, Supplier<InputStream> raw) {
        this.mode = mode;
        this.length = length;
        this.payloadSha256Hex = payloadSha256Hex;
        this.checksum = checksum;
        this.signatures = signatures;
        this.raw = raw;
    }

    /** The body of an authenticated request; refuses bad length and checksum headers before any byte is read. */
    public static IncomingBody open(S3Request req) {
        return of(req.auth(), req.headersForSigning(), req.jetty().getLength(),
                () -> Content.Source.asInputStream(req.jetty()));
    }

    /**
     * As {@link #open}, for the small documents of configuration operations: a plain request with
     * neither Content-Length nor Transfer-Encoding has, by HTTP's rules, an empty body.
     */
    public static IncomingBody openSmall(S3Request req) {
        return openSmall(req, true);
    }

    /**
     * As {@link #openSmall(S3Request)}; with {@code checksumHeadersDescribeBody} false the
     * {@code x-amz-checksum-*} headers are not the document's (CompleteMultipartUpload's describe the
     * object being completed) and are left to the operation.
     */
    public static IncomingBody openSmall(S3Request req, boolean checksumHeadersDescribeBody) {
        long length = req.jetty().getLength();
        if (length < 0 && req.header("transfer-encoding") == null) {
            length = 0;
        }
        Map<String, List<String>> headers = req.headersForSigning();
        if (!checksumHeadersDescribeBody) {
            headers = new TreeMap<>(headers);
            headers.keySet().removeIf(h -> ChecksumAlgorithm.fromHeader(h).isPresent() || h.equals(ExpectedChecksum.SDK_ALGORITHM));
        }
        return of(req.auth(), headers, length, () -> Content.Source.asInputStream(req.jetty()));
    }

    /** A plain body of {@code length} bytes whose SHA-256 must be {@code payloadSha256Hex} (null: unchecked). */
    public static IncomingBody plain(long length, String payloadSha256Hex, Supplier<InputStream> raw) {
        return new IncomingBody(payloadSha256Hex == null ? PayloadMode.UNSIGNED : PayloadMode.SIGNED, length,
                payloadSha256Hex, null, null, raw);
    }

    static IncomingBody of(AuthContext auth, Map<String, List<String>> headers, long contentLength,
                           Supplier<InputStream> raw) {
        PayloadMode mode = auth.payload();
        boolean awsChunked = isAwsChunked(mode);
        if (awsChunked && auth.presigned()) {
            // S3 takes a STREAMING-* value signed into a presigned URL as a payload hash, which cannot match.
            throw new S3Exception(S3Error.CONTENT_SHA256_MISMATCH);
        }
        long length = awsChunked ? decodedLength(headers) : contentLength;
        if (length < 0) {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH);
        }
        ExpectedChecksum checksum = ExpectedChecksum.fromHeaders(headers, awsChunked).orElse(null);
        boolean signedChunks = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
        return new IncomingBody(mode, length, auth.payloadSha256Hex(), checksum,
                signedChunks ? new ChunkSignatures(auth) : null, raw);
    }

    /** The object's length: Content-Length, or x-amz-decoded-content-length for aws-chunked. */
    public long length() {
        return length;
    }

    /** Opens the object's bytes, decoded if aws-chunked; call once. */
    public InputStream stream() {
        InputStream in = raw.get();
        if (!isAwsChunked(mode)) {
            return in;
        }
        chunked = new AwsChunkedInputStream(in, length, signatures, trailerNames());
        return chunked;
    }

    /** Digests to feed with the object's bytes as they are read. */
    public BodyDigests newDigests() {
        return newDigests(null);
    }

    /**
     * As {@link #newDigests()}, also computing {@code serverSide} when the client sends no checksum (a
     * part of an upload that keeps one). A client checksum of another algorithm is refused here, before
     * any byte is read.
     */
    public BodyDigests newDigests(ChecksumAlgorithm serverSide) {
        if (serverSide != null && checksum != null && checksum.algorithm() != serverSide) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Checksum Type mismatch occurred, expected checksum Type: "
                    + serverSide.wireName().toLowerCase(java.util.Locale.ROOT) + ", actual checksum Type: "
                    + checksum.algorithm().wireName().toLowerCase(java.util.Locale.ROOT));
        }
        return new BodyDigests(payloadSha256Hex != null, checksum == null ? serverSide : checksum.algorithm());
    }

    /** After {@link #length()} bytes: reads an aws-chunked body's final chunk and trailers. */
    public void finish() {
        if (chunked != null) {
            chunked.finish();
        }
    }

    /**
     * Checks the digests against what the client sent, S3's order: a signed SHA-256
     * (XAmzContentSHA256Mismatch), then the x-amz-checksum-* (BadDigest naming the algorithm), then
     * Content-MD5 (BadDigest). Swift's AWS-run test_input_errors.py shows the SHA-256 refusal winning.
     *
     * @param expectedMd5 the decoded Content-MD5, or null when none was sent
     */
    public Verified verify(BodyDigests digests, byte[] expectedMd5) {
        if (payloadSha256Hex != null && !Ops.hex(digests.sha256()).equalsIgnoreCase(payloadSha256Hex)) {
            throw new S3Exception(S3Error.CONTENT_SHA256_MISMATCH);
        }
        VerifiedChecksum verified = checksum != null ? verifyChecksum(digests.checksum())
                : digests.algorithm() == null ? null
                : new VerifiedChecksum(digests.algorithm(), Base64.getEncoder().encodeToString(digests.checksum()));
        if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digests.md5())) {
            throw new S3Exception(S3Error.BAD_DIGEST);
        }
        return new Verified(digests.md5(), verified);
    }

    /**
     * The metadata to store: for an aws-chunked body, Content-Encoding without {@code aws-chunked} (and
     * none if nothing else is left), as S3 stores it; a plain body keeps what the client sent.
     */
    public ObjectMeta storedMeta(ObjectMeta sent) {
        String encoding = sent.headers().get("content-encoding");
        if (!isAwsChunked(mode) || encoding == null) {
            return sent;
        }
        String rest = Stream.of(encoding.split(",")).map(String::strip)
                .filter(e -> !e.isEmpty() && !e.equalsIgnoreCase(AWS_CHUNKED)).collect(Collectors.joining(", "));
        Map<String, String> headers = new TreeMap<>(sent.headers());
        if (rest.isEmpty()) {
            headers.remove("content-encoding");
        } else {
            headers.put("content-encoding", rest);
        }
        return sent.withHeaders(headers);
    }

    private VerifiedChecksum verifyChecksum(byte[] computed) {
        ChecksumAlgorithm a = checksum.algorithm();
        byte[] claimed = checksum.inTrailer() ? trailerValue(a) : checksum.headerValue();
        if (!MessageDigest.isEqual(claimed, computed)) {
            throw a.mismatch();
        }
        return new VerifiedChecksum(a, Base64.getEncoder().encodeToString(computed));
    }

    private byte[] trailerValue(ChecksumAlgorithm a) {
        String value = chunked == null ? null : chunked.trailer(a.headerName());
        return a.decode(value == null ? "" : value).orElseThrow(() -> new S3Exception(S3Error.INVALID_REQUEST,
                "Value for " + a.headerName() + " trailing header is invalid."));
    }

    private Set<String> trailerNames() {
        Set<String> names = new HashSet<>();
        if (checksum != null && checksum.inTrailer()) {
            names.add(checksum.algorithm().headerName());
        }
        if (mode == PayloadMode.STREAMING_SIGNED_TRAILER) {
            names.add(TrailerSection.SIGNATURE);
        }
        return names;
    }

    /** x-amz-decoded-content-length; absent or not a number is MissingContentLength, as S3 answers. */
    private static long decodedLength(Map<String, List<String>> headers) {
        List<String> values = headers.get(DECODED_LENGTH);
        if (values == null || values.isEmpty()) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(values.get(0).strip());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.MISSING_CONTENT_LENGTH);
        }
        if (n < 0) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, S3Error.INVALID_ARGUMENT.message(),
                    Map.of("ArgumentName", DECODED_LENGTH, "ArgumentValue", values.get(0)));
        }
        return n;
    }

    private static boolean isAwsChunked(PayloadMode mode) {
        return mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_UNSIGNED_TRAILER
                || mode == PayloadMode.STREAMING_SIGNED_TRAILER;
    }
}
