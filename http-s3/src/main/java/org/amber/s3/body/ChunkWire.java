package org.amber.s3.body;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The raw bytes of an aws-chunked body: CRLF-terminated lines of bounded length (chunk headers,
 * trailers) and chunk data. A small buffer holds what a line read over-fetched; data beyond it is
 * read straight into the caller's array, so memory stays bounded whatever the chunk sizes.
 * Every framing fault is IncompleteBody, as S3 answers it. Blocking; not thread-safe.
 */
final class ChunkWire {
    /** The longest line accepted: a signed chunk header is 86 bytes, a checksum trailer under 100. */
    static final int MAX_LINE = 4096;
    /** S3's message when aws-chunked framing breaks (Swift's AWS-run test_input_errors.py). */
    static final String TERMINATED = "The request body terminated unexpectedly";

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    ChunkWire(InputStream in) {
        this.in = in;
    }

    /** The next line without its CRLF; a line that ends without CRLF, or is too long, is IncompleteBody. */
    String line() {
        String line = lineOrEnd();
        if (line == null) {
            throw terminated();
        }
        return line;
    }

    /** Like {@link #line()}, but null when the body ends cleanly where the line would start. */
    String lineOrEnd() {
        StringBuilder sb = new StringBuilder(96);
        while (true) {
            if (pos == limit && !fill()) {
                if (sb.length() == 0) {
                    return null;
                }
                throw terminated();
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '\r') {
                    throw terminated();
                }
                return sb.substring(0, sb.length() - 1);
            }
            if (sb.length() >= MAX_LINE) {
                throw terminated();
            }
            sb.append((char) (b & 0xff));
        }
    }

    /** Reads 1 to {@code len} data bytes into {@code b}; the body ending first is IncompleteBody. */
    int data(byte[] b, int off, int len) {
        if (pos < limit) {
            int n = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        int n = read(b, off, len);
        if (n < 0) {
            throw terminated();
        }
        return n;
    }

    /** The CRLF that ends a chunk's data. */
    void crlf() {
        if (next() != '\r' || next() != '\n') {
            throw terminated();
        }
    }

    /** The end of a body without trailers: nothing more, or one CRLF (S3 accepts both). */
    void endOrCrlf() {
        int first = next();
        if (first >= 0 && (first != '\r' || next() != '\n')) {
            throw terminated();
        }
    }

    /** Closes the underlying body stream. */
    void close() throws IOException {
        in.close();
    }

    private int next() {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() {
        int n = read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private int read(byte[] b, int off, int len) {
        try {
            int n;
            do {
                n = in.read(b, off, len);
            } while (n == 0);
            return n;
        } catch (IOException e) {
            // The client went away, or Jetty saw the connection end early.
            throw terminated();
        }
    }

    static S3Exception terminated() {
        return new S3Exception(S3Error.INCOMPLETE_BODY, TERMINATED);
    }

    /** IncompleteBody with the byte counts S3 reports when the chunks disagree with x-amz-decoded-content-length. */
    static S3Exception lengthMismatch(long expected, long provided) {
        return new S3Exception(S3Error.INCOMPLETE_BODY, S3Error.INCOMPLETE_BODY.message(),
                Map.of("NumberBytesExpected", Long.toString(expected), "NumberBytesProvided", Long.toString(provided)));
    }
}
