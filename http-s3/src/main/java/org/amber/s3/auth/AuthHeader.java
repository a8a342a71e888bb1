package org.amber.s3.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 *
 * @param credential        the parsed credential
 * @param signedHeadersLine the SignedHeaders value as sent, which is what the client put in its canonical request
 * @param signedHeaders     the signed header names, lower-cased
 * @param signature         the hex signature as sent
 */
record AuthHeader(Credential credential, String signedHeadersLine, List<String> signedHeaders, String signature) {

    static final String MALFORMED = "The authorization header is malformed; ";
    private static final String THREE_COMPONENTS = MALFORMED
            + "the authorization header requires three components: Credential, SignedHeaders, and Signature.";

    /** Parses the header; a scheme other than AWS4-HMAC-SHA256 (SigV2's "AWS ", SigV4a) is unsupported. */
    static AuthHeader parse(String header) {
        String trimmed = header.trim();
        int space = indexOfWhitespace(trimmed);
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!Canonical.ALGORITHM.equals(scheme)) {
            throw new S3Exception(S3Error.UNSUPPORTED_SIGNATURE, S3Error.UNSUPPORTED_SIGNATURE.message());
        }
        String[] components = new String[3];
        // botocore writes ", " between components and the SDK for Java v2 writes ", " too; tolerate both.
        for (String part : trimmed.substring(scheme.length()).split(",", -1)) {
            assign(components, part.trim());
        }
        if (components[0] == null || components[1] == null || components[2] == null) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, THREE_COMPONENTS);
        }
        Credential credential = Credential.parse(components[0], S3Error.AUTHORIZATION_HEADER_MALFORMED, MALFORMED);
        List<String> names = signedHeaderNames(components[1]);
        if (names == null) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, THREE_COMPONENTS);
        }
        return new AuthHeader(credential, components[1], names, components[2]);
    }

    private static void assign(String[] components, String part) {
        int eq = part.indexOf('=');
        if (eq < 0) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, THREE_COMPONENTS);
        }
        String key = part.substring(0, eq).trim();
        int slot = key.equals("Credential") ? 0 : key.equals("SignedHeaders") ? 1 : key.equals("Signature") ? 2 : -1;
        String value = part.substring(eq + 1).trim();
        if (slot < 0 || components[slot] != null || value.isEmpty()) {
            throw new S3Exception(S3Error.AUTHORIZATION_HEADER_MALFORMED, THREE_COMPONENTS);
        }
        components[slot] = value;
    }

    /** The lower-cased names of a {@code a;b;c} signed-headers list, or null when a name is empty. */
    static List<String> signedHeaderNames(String line) {
        List<String> names = new ArrayList<>();
        for (String name : line.split(";", -1)) {
            if (name.isEmpty()) {
                return null;
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
