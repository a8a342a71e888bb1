package org.amber.s3.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.auth.AuthContext;

/** Runs a body through IncomingBody exactly as BodyReader does, minus the blob store. */
final class BodyRun {
    /** The object bytes read and what the checks found. */
    record Result(byte[] data, IncomingBody.Verified verified) {
    }

    private BodyRun() {
    }

    static Result run(AuthContext auth, Map<String, List<String>> headers, byte[] raw, byte[] md5) {
        return run(auth, headers, raw.length, new ByteArrayInputStream(raw), md5);
    }

    static Result run(AuthContext auth, Map<String, List<String>> headers, long contentLength, InputStream raw, byte[] md5) {
        IncomingBody body = IncomingBody.of(auth, headers, contentLength, () -> raw);
        BodyDigests digests = body.newDigests();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = body.stream()) {
            // An odd buffer size, so that reads straddle chunk boundaries.
            byte[] buf = new byte[7919];
            long total = 0;
            while (total < body.length()) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, body.length() - total));
                if (n < 0) {
                    throw new S3Exception(S3Error.INCOMPLETE_BODY);
                }
                digests.update(buf, 0, n);
                out.write(buf, 0, n);
                total += n;
            }
            body.finish();
            return new Result(out.toByteArray(), body.verify(digests, md5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The refusal running the body ends in, checked to be {@code expected}. */
    static S3Exception refused(S3Error expected, AuthContext auth, Map<String, List<String>> headers, byte[] raw) {
        S3Exception e = assertThrows(S3Exception.class, () -> run(auth, headers, raw, null));
        assertEquals(expected, e.error(), e.getMessage());
        return e;
    }

    static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Edits the latin-1 text of a body: every byte maps to one char and back. */
    static byte[] edit(byte[] body, UnaryOperator<String> f) {
        return f.apply(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The headers of a STREAMING-UNSIGNED-PAYLOAD-TRAILER request (trailer null: none declared). */
    static Map<String, List<String>> unsignedHeaders(long n, String trailer) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("x-amz-content-sha256", List.of("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
        h.put("content-encoding", List.of("aws-chunked"));
        h.put(IncomingBody.DECODED_LENGTH, List.of(Long.toString(n)));
        if (trailer != null) {
            h.put(ExpectedChecksum.TRAILER, List.of(trailer));
        }
        return h;
    }

    static String crc32(byte[] b) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }
}
