package org.amber.s3.auth;

/**
 * The outcome of a successful SigV4 verification.
 *
 * @param accessKeyId      the access key that signed the request
 * @param payload          how the body is protected
 * @param payloadSha256Hex the lower-case hex SHA-256 the body must have; non-null only for {@link PayloadMode#SIGNED}
 * @param amzDate          the request time as signed, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param scope            the credential scope, e.g. {@code 20260101/us-east-1/s3/aws4_request}
 * @param seedSignature    the request's signature, the seed of aws-chunked chunk signatures
 * @param signingKey       the derived signing key, for aws-chunked chunk signatures (a private copy)
 * @param presigned        true when the signature came from the query string (presigned URL)
 */
public record AuthContext(String accessKeyId, PayloadMode payload, String payloadSha256Hex, String amzDate,
                          String scope, String seedSignature, byte[] signingKey, boolean presigned) {}
