package org.amber.s3;

/**
 * Every S3 error Amber can answer with: the wire code written out, the HTTP status and AWS's message.
 *
 * <p>The code is a literal, never derived from the constant's name (s3proxy's {@code INVALID_U_R_I}).
 * Messages are AWS's own where one was observed (OBJECT-LOCK-SPEC.md §7), because clients and
 * s3-tests match on them.
 */
public enum S3Error {
    ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
    INVALID_TOKEN("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
    EXPIRED_TOKEN("ExpiredToken", 400, "The provided token has expired."),
    MALFORMED_POLICY("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
    NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
    REQUEST_EXPIRED("AccessDenied", 403, "Request has expired"),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403,
            "The difference between the request time and the current time is too large."),
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400, "The authorization header is malformed."),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400,
            "Error parsing the X-Amz-Credential parameter."),
    MISSING_SECURITY_HEADER("MissingSecurityHeader", 400, "Your request was missing a required header"),
    UNSUPPORTED_SIGNATURE("InvalidRequest", 400,
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."),
    CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400,
            "The provided 'x-amz-content-sha256' header does not match what was computed."),
    INVALID_CONTENT_SHA256("InvalidArgument", 400, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, or a valid sha256 value."),
    BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
    INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
    INCOMPLETE_BODY("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header"),
    MISSING_CONTENT_LENGTH("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
    ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size."),
    REQUEST_TIMEOUT("RequestTimeout", 400,
            "Your socket connection to the server was not read from or written to within the timeout period."),
    INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
    NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist"),
    NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
    NO_SUCH_VERSION("NoSuchVersion", 404, "The specified version does not exist."),
    BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409,
            "Your previous request to create the named bucket succeeded and you already own it."),
    BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409,
            "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."),
    BUCKET_NOT_EMPTY("BucketNotEmpty", 409,
            "The bucket you tried to delete is not empty. You must delete all versions in the bucket."),
    INVALID_BUCKET_STATE("InvalidBucketState", 409, "The request is not valid with the current state of the bucket."),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
    MALFORMED_XML("MalformedXML", 400,
            "The XML you provided was not well-formed or did not validate against our published schema"),
    ILLEGAL_VERSIONING_CONFIGURATION("IllegalVersioningConfigurationException", 400,
            "The Versioning element must be specified"),
    INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
    INVALID_VERSION_ID("InvalidArgument", 400, "Invalid version id specified"),
    INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
    INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
    INVALID_URI("InvalidURI", 400, "Couldn't parse the specified URI."),
    KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
    REQUEST_HEADER_SECTION_TOO_LARGE("RequestHeaderSectionTooLarge", 400,
            "Your request header section exceeds the maximum allowed size."),
    METADATA_TOO_LARGE("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size."),
    PRECONDITION_FAILED("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold"),
    NOT_MODIFIED("NotModified", 304, "Not Modified"),
    COPY_TO_ITSELF("InvalidRequest", 400,
            "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."),
    INVALID_COPY_SOURCE("InvalidArgument", 400, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey"),
    TOO_MANY_KEYS("MalformedXML", 400,
            "The XML you provided was not well-formed or did not validate against our published schema"),
    MALFORMED_TRAILER("MalformedTrailerError", 400,
            "The request contained trailing data that was not well-formed or did not conform to our published schema."),
    INVALID_CHUNK_SIZE("InvalidChunkSizeError", 400, "Only the last chunk is allowed to have a size less than 8192 bytes"),
    INVALID_TAG("InvalidTag", 400, "The TagValue you have provided is invalid"),
    NO_SUCH_UPLOAD("NoSuchUpload", 404,
            "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
    INVALID_PART("InvalidPart", 400,
            "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."),
    INVALID_PART_ORDER("InvalidPartOrder", 400,
            "The list of parts was not in ascending order. Parts must be ordered by part number."),
    ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
    INVALID_PART_NUMBER("InvalidPartNumber", 416, "The requested partnumber is not satisfiable"),
    OBJECT_LOCKED("AccessDenied", 403, "Access Denied because object protected by object lock."),
    NO_LOCK_CONFIGURATION("InvalidRequest", 400, "Bucket is missing Object Lock Configuration"),
    LOCK_HEADERS_WITHOUT_LOCK("InvalidRequest", 400, "Bucket is missing ObjectLockConfiguration"),
    VERSIONING_NOT_ENABLED_FOR_LOCK("InvalidBucketState", 409,
            "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration"),
    LOCK_KEEPS_VERSIONING("InvalidBucketState", 409,
            "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed."),
    NO_SUCH_OBJECT_LOCK_CONFIGURATION("NoSuchObjectLockConfiguration", 404,
            "The specified object does not have a ObjectLock configuration"),
    OBJECT_LOCK_CONFIGURATION_NOT_FOUND("ObjectLockConfigurationNotFoundError", 404,
            "Object Lock configuration does not exist for this bucket"),
    RETAIN_UNTIL_NOT_FUTURE("InvalidArgument", 400, "The retain until date must be in the future!"),
    NOT_IMPLEMENTED("NotImplemented", 501, "A header you provided implies functionality that is not implemented"),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Please reduce your request rate."),
    WRITES_STOPPED("ServiceUnavailable", 503,
            "The server stopped accepting writes after a storage failure; it must be restarted."),
    MEMORY_FULL("ServiceUnavailable", 503,
            "The server's memory for its object index is full; new objects are refused until versions are removed or it is given more memory."),
    INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again.");

    private final String code;
    private final int status;
    private final String message;

    S3Error(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** The wire code, e.g. {@code NoSuchBucket}. */
    public String code() {
        return code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** AWS's message for this error. */
    public String message() {
        return message;
    }
}
