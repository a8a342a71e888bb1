package org.amber.s3.body;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Set;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * Decodes a {@code Content-Encoding: aws-chunked} request body into the object's bytes while it streams:
 * {@code <hex-size>[;chunk-signature=<sig>]\r\n<data>\r\n} ... a zero-size final chunk, then the
 * trailers. Verifies every chunk signature (when signed), the trailer section, and that the chunks add
 * up to x-amz-decoded-content-length; every refusal is an {@link S3Exception} thrown from {@code read}.
 * Memory is bounded: no chunk is buffered, whatever size it announces. Blocking; not thread-safe.
 */
public final class AwsChunkedInputStream extends InputStream {
    /** S3's smallest chunk, except the last one that holds data. */
    static final int MIN_CHUNK = 8192;
    private long chunkNumber;
    private long previousSize;
    private final ChunkWire wire;
    private final long decodedLength;
    private final ChunkSignatures signatures;
    private final TrailerSection trailers;
    private final MessageDigest chunkSha;
    private long announced;
    private long chunkLeft;
    private String chunkSignature;
    private boolean finished;

    /**
     * @param raw           the encoded body as received
     * @param decodedLength x-amz-decoded-content-length, the object's length
     * @param signatures    the chain to verify chunk and trailer signatures with, or null for unsigned chunks
     * @param trailers      the lower-case trailer names that must follow the final chunk (with
     *                      {@code x-amz-trailer-signature} for a signed trailer)
     */
    public AwsChunkedInputStream(InputStream raw, long decodedLength, ChunkSignatures signatures, Set<String> trailers) {
        this.wire = new ChunkWire(raw);
        this.decodedLength = decodedLength;
        this.signatures = signatures;
        this.trailers = new TrailerSection(trailers);
        this.chunkSha = signatures == null ? null : Digests.of("SHA-256");
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (chunkLeft == 0) {
            if (finished) {
                return -1;
            }
            startChunk();
        }
        int n = wire.data(b, off, (int) Math.min(len, chunkLeft));
        if (chunkSha != null) {
            chunkSha.update(b, off, n);
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            endChunk();
        }
        return n;
    }

    /** The value of a trailer (lower-case name) once the body has been read to its end, else null. */
    public String trailer(String name) {
        return finished ? trailers.value(name) : null;
    }

    /** Reads the final chunk and the trailers if the caller has not yet; more object bytes are IncompleteBody. */
    public void finish() {
        if (read() >= 0) {
            throw ChunkWire.lengthMismatch(decodedLength, decodedLength + 1);
        }
    }

    /** Closes the encoded body. */
    @Override
    public void close() throws IOException {
        wire.close();
    }

    private void startChunk() {
        String header = wire.line();
        int semi = header.indexOf(';');
        long size = parseSize(semi < 0 ? header : header.substring(0, semi));
        chunkNumber++;
        if (size > 0 && chunkNumber > 1 && previousSize < MIN_CHUNK) {
            // S3: every chunk but the last (the one before the zero-size chunk) holds at least 8 KiB.
            throw new S3Exception(S3Error.INVALID_CHUNK_SIZE, S3Error.INVALID_CHUNK_SIZE.message(),
                    java.util.Map.of("Chunk", Long.toString(chunkNumber), "BadChunkSize", Long.toString(previousSize)));
        }
        previousSize = size;
        if (size > decodedLength - announced) {
            throw ChunkWire.lengthMismatch(decodedLength, announced + size);
        }
        if (signatures != null) {
            chunkSignature = signatureOf(semi < 0 ? "" : header.substring(semi + 1));
        }
        announced += size;
        chunkLeft = size;
        if (size == 0) {
            endBody();
        }
    }

    private void endChunk() {
        if (signatures != null) {
            signatures.verifyChunk(chunkSha.digest(), chunkSignature);
        }
        wire.crlf();
    }

    /** After the zero-size chunk: its signature, the trailers, then the length check (S3's order). */
    private void endBody() {
        if (signatures != null) {
            signatures.verifyChunk(chunkSha.digest(), chunkSignature);
        }
        trailers.read(wire, signatures);
        if (announced != decodedLength) {
            throw ChunkWire.lengthMismatch(decodedLength, announced);
        }
        finished = true;
    }

    /** 1 to 15 hex digits, blanks around them allowed (S3 accepts {@code "20 ;chunk-signature=..."}). */
    private static long parseSize(String field) {
        String hex = field.strip();
        if (hex.isEmpty() || hex.length() > 15) {
            throw ChunkWire.terminated();
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw ChunkWire.terminated();
            }
        }
        return Long.parseLong(hex, 16);
    }

    /**
     * The value of the {@code chunk-signature} extension, S3's way: none, an empty one or a further
     * extension after it is IncompleteBody; another extension in its place is SignatureDoesNotMatch.
     */
    private String signatureOf(String extensions) {
        if (extensions.isBlank()) {
            throw ChunkWire.terminated();
        }
        int eq = extensions.indexOf('=');
        String name = (eq < 0 ? extensions : extensions.substring(0, eq)).strip();
        String value = eq < 0 ? "" : extensions.substring(eq + 1);
        if (!name.equals("chunk-signature")) {
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);
        }
        if (value.indexOf(';') >= 0 || value.isBlank()) {
            throw ChunkWire.terminated();
        }
        return value.strip();
    }
}
