package org.amber.s3.multipart;

import java.util.Locale;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;
import org.amber.s3.body.ChecksumAlgorithm;

/**
 * The checksum a multipart upload keeps, fixed by CreateMultipartUpload's {@code x-amz-checksum-algorithm}
 * and {@code x-amz-checksum-type}. COMPOSITE: the checksum of the parts' checksums, shown with
 * {@code -N}. FULL_OBJECT: the CRC of the whole object, combined from the parts' CRCs.
 */
public record UploadChecksum(ChecksumAlgorithm algorithm, String type) {
    public static final String COMPOSITE = "COMPOSITE";
    public static final String FULL_OBJECT = "FULL_OBJECT";

    /** What CreateMultipartUpload asks for; null when it asks for no checksum. */
    public static UploadChecksum fromRequest(S3Request req) {
        String name = req.header("x-amz-checksum-algorithm");
        String type = req.header("x-amz-checksum-type");
        if (name == null) {
            if (type != null) {
                throw new S3Exception(S3Error.INVALID_REQUEST,
                        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
            }
            return null;
        }
        ChecksumAlgorithm a = ChecksumAlgorithm.fromName(name).orElseThrow(() -> new S3Exception(S3Error.INVALID_REQUEST,
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
        if (type == null) {
            return new UploadChecksum(a, a == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE);
        }
        String t = type.trim().toUpperCase(Locale.ROOT);
        if (!t.equals(COMPOSITE) && !t.equals(FULL_OBJECT)) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Value for x-amz-checksum-type header is invalid.");
        }
        if (t.equals(FULL_OBJECT) && !a.combinable() || t.equals(COMPOSITE) && a == ChecksumAlgorithm.CRC64NVME) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "The " + t + " checksum type cannot be used with the "
                    + a.wireName().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return new UploadChecksum(a, t);
    }

    /** The upload's checksum as stored in lockd; null when it has none. */
    public static UploadChecksum of(org.amber.lockd.Upload u) {
        return u.checksumAlgorithm() == null ? null
                : new UploadChecksum(ChecksumAlgorithm.fromName(u.checksumAlgorithm()).orElseThrow(), u.checksumType());
    }
}
