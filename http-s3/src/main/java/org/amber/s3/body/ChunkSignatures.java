package org.amber.s3.body;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.auth.AuthContext;

/**
 * The signature chain of a signed aws-chunked body: every chunk, then the trailer, is signed over the
 * signature before it, starting from the request's own (the seed). Not thread-safe: one per request.
 *
 * <p>String to sign of a chunk: {@code AWS4-HMAC-SHA256-PAYLOAD \n amzDate \n scope \n previous \n
 * sha256("") \n sha256(data)}; of the trailer: {@code AWS4-HMAC-SHA256-TRAILER \n amzDate \n scope \n
 * previous \n sha256(trailer lines)} (AWS, "Signature calculations for the Authorization header:
 * transferring payload in multiple chunks").
 */
public final class ChunkSignatures {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final HexFormat HEX = HexFormat.of();
    private final Mac mac;
    private final String amzDate;
    private final String scope;
    private String previous;

    /** A chain seeded by the request's verified signature, signed with its derived key. */
    public ChunkSignatures(AuthContext auth) {
        this(auth.signingKey(), auth.amzDate(), auth.scope(), auth.seedSignature());
    }

    ChunkSignatures(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        try {
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
        }
        this.amzDate = amzDate;
        this.scope = scope;
        this.previous = seedSignature;
    }

    /** Checks the signature of the next chunk, whose data hashed to {@code dataSha256}; SignatureDoesNotMatch if wrong. */
    public void verifyChunk(byte[] dataSha256, String provided) {
        verify("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n" + EMPTY_SHA256 + "\n"
                + HEX.formatHex(dataSha256), provided);
    }

    /** Checks the trailer's signature over its canonical lines ({@code name:value\n} each). */
    public void verifyTrailer(String canonicalTrailer, String provided) {
        byte[] hash = Digests.sha256(canonicalTrailer.getBytes(StandardCharsets.UTF_8));
        verify("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n" + HEX.formatHex(hash),
                provided);
    }

    private void verify(String stringToSign, String provided) {
        String expected = HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.getBytes(StandardCharsets.UTF_8))) {
            throw new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH, S3Error.SIGNATURE_DOES_NOT_MATCH.message(),
                    Map.of("StringToSign", stringToSign, "SignatureProvided", provided));
        }
        previous = expected;
    }
}
