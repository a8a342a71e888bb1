package org.amber.s3.body;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The trailer lines after an aws-chunked body's final chunk: exactly the trailers x-amz-trailer
 * declared, plus {@code x-amz-trailer-signature} for a signed body. Follows S3 as Swift's AWS-run
 * {@code test_input_errors.py} records it: a line without CRLF or a missing signature is IncompleteBody,
 * an undeclared or missing trailer is MalformedTrailerError, a repeated trailer keeps its last value.
 * Not thread-safe.
 */
final class TrailerSection {
    /** The trailer that signs the others in STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER. */
    static final String SIGNATURE = "x-amz-trailer-signature";

    private final Set<String> expected;
    private final Map<String, String> values = new TreeMap<>();

    /** @param expected the lower-case names that must (and alone may) appear */
    TrailerSection(Set<String> expected) {
        this.expected = Set.copyOf(expected);
    }

    /** Reads the section to its end, verifying the trailer signature with {@code signatures} when one is expected. */
    void read(ChunkWire wire, ChunkSignatures signatures) {
        if (expected.isEmpty()) {
            wire.endOrCrlf();
            return;
        }
        for (String line = wire.lineOrEnd(); line != null && !line.isEmpty(); line = wire.lineOrEnd()) {
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            if (!expected.contains(name)) {
                throw new S3Exception(S3Error.MALFORMED_TRAILER);
            }
            values.put(name, colon < 0 ? "" : line.substring(colon + 1).strip());
        }
        boolean signed = expected.contains(SIGNATURE);
        if (signed && !values.containsKey(SIGNATURE)) {
            throw ChunkWire.terminated();
        }
        if (!values.keySet().equals(expected)) {
            throw new S3Exception(S3Error.MALFORMED_TRAILER);
        }
        if (signed) {
            signatures.verifyTrailer(canonical(), values.get(SIGNATURE));
            if (values.size() == 1) {
                // A signed trailer that signs nothing: S3 answers IncompleteBody.
                throw ChunkWire.terminated();
            }
        }
    }

    /** The value of trailer {@code name} (lower case) once read, else null. */
    String value(String name) {
        return values.get(name);
    }

    /** What the trailer signature signs: {@code name:value\n} per trailer by name, or a lone newline. */
    private String canonical() {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, value) -> {
            if (!name.equals(SIGNATURE)) {
                sb.append(name).append(':').append(value).append('\n');
            }
        });
        return sb.length() == 0 ? "\n" : sb.toString();
    }
}
