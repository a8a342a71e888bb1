package org.amber.s3.auth;

import java.time.Instant;
import java.util.List;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;

/**
 * The X-Amz-* parameters of a presigned URL.
 *
 * @param credential        the parsed X-Amz-Credential
 * @param time              the X-Amz-Date
 * @param expiresSeconds    X-Amz-Expires, 1..604800
 * @param signedHeadersLine X-Amz-SignedHeaders as sent
 * @param signedHeaders     the signed header names, lower-cased
 * @param signature         X-Amz-Signature as sent
 */
record PresignedQuery(Credential credential, RequestTime time, long expiresSeconds, String signedHeadersLine,
                      List<String> signedHeaders, String signature) {

    /** AWS's limit on X-Amz-Expires: one week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final S3Error ERROR = S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
    private static final String REQUIRED = "Query-string authentication version 4 requires the X-Amz-Algorithm, "
            + "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";

    /** Parses and checks the parameters' shapes; time limits are checked against the clock by the caller. */
    static PresignedQuery parse(List<QueryParams.Param> params) {
        String algorithm = QueryParams.first(params, "X-Amz-Algorithm");
        String credential = QueryParams.first(params, "X-Amz-Credential");
        String date = QueryParams.first(params, "X-Amz-Date");
        String expires = QueryParams.first(params, "X-Amz-Expires");
        String signedHeaders = QueryParams.first(params, "X-Amz-SignedHeaders");
        String signature = QueryParams.first(params, Canonical.SIGNATURE_PARAM);
        if (algorithm == null || credential == null || date == null || expires == null || signedHeaders == null
                || signature == null) {
            throw new S3Exception(ERROR, REQUIRED);
        }
        if (!Canonical.ALGORITHM.equals(algorithm)) {
            throw new S3Exception(ERROR, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        long expiresSeconds = expires(expires);
        Credential parsed = Credential.parse(credential, ERROR, "Error parsing the X-Amz-Credential parameter; ");
        RequestTime time = time(date, parsed);
        List<String> names = AuthHeader.signedHeaderNames(signedHeaders);
        if (names == null) {
            throw new S3Exception(ERROR, "Error parsing the X-Amz-SignedHeaders parameter.");
        }
        return new PresignedQuery(parsed, time, expiresSeconds, signedHeaders, names, signature);
    }

    private static long expires(String value) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new S3Exception(ERROR, "X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw new S3Exception(ERROR, "X-Amz-Expires must be non-negative");
        }
        if (seconds == 0) {
            throw new S3Exception(ERROR, "X-Amz-Expires must be at least 1 second");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw new S3Exception(ERROR, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static RequestTime time(String date, Credential credential) {
        Instant instant = RequestTime.parseAmzDate(date);
        if (instant == null) {
            throw new S3Exception(ERROR, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        if (!date.startsWith(credential.date())) {
            throw new S3Exception(ERROR, "Invalid credential date \"" + credential.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + date.substring(0, 8) + "\".");
        }
        return new RequestTime(date, instant, date);
    }
}
