package org.amber.s3.auth;

import java.util.Arrays;
import java.util.Set;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * A parsed SigV4 credential, {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the access key id
 * @param date        the scope date, {@code yyyyMMdd}
 * @param region      the region the client signed for; any region is accepted
 * @param service     {@code s3}, or {@code iam}/{@code sts} which share the port
 */
record Credential(String accessKeyId, String date, String region, String service) {

    static final String TERMINATOR = "aws4_request";
    private static final Set<String> SERVICES = Set.of("s3", "iam", "sts");
    private static final String SHAPE =
            "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

    /** The credential scope that goes into the string to sign. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + TERMINATOR;
    }

    /**
     * Parses {@code value}; failures are {@code error} with AWS's wording after {@code prefix}. The scope is
     * taken from the right so that the access key id is everything before it.
     */
    static Credential parse(String value, S3Error error, String prefix) {
        String[] parts = value.split("/", -1);
        int n = parts.length;
        if (n < 5) {
            throw new S3Exception(error, prefix + SHAPE);
        }
        String accessKeyId = String.join("/", Arrays.copyOfRange(parts, 0, n - 4));
        String date = parts[n - 4];
        String region = parts[n - 3];
        String service = parts[n - 2];
        String terminator = parts[n - 1];
        if (accessKeyId.isEmpty() || !isScopeDate(date) || region.isEmpty()) {
            throw new S3Exception(error, prefix + SHAPE);
        }
        if (!SERVICES.contains(service)) {
            throw new S3Exception(error, prefix + "incorrect service \"" + service
                    + "\". This endpoint belongs to \"s3\".");
        }
        if (!TERMINATOR.equals(terminator)) {
            throw new S3Exception(error, prefix + "incorrect terminal \"" + terminator
                    + "\". This endpoint uses \"aws4_request\".");
        }
        return new Credential(accessKeyId, date, region, service);
    }

    private static boolean isScopeDate(String date) {
        if (date.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (date.charAt(i) < '0' || date.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
