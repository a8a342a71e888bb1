package org.amber.s3.multipart;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.amber.lockd.Part;
import org.amber.lockd.Upload;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.body.ChecksumAlgorithm;

/**
 * What CompleteMultipartUpload makes of an upload: the parts the client listed, checked against the
 * stored ones in S3's order (InvalidPartOrder, InvalidPart, EntityTooSmall, checksums), and the
 * object's size, ETag ({@code md5(md5(part 1) ‖ … ‖ md5(part N))-N}) and checksum. Pure.
 *
 * @param checksumHeaders the object's checksum as stored headers ({@code x-amz-checksum-crc32},
 *                        {@code x-amz-checksum-type}); empty when the upload has no checksum
 */
public record Assembly(List<Part> parts, long size, String etag, Map<String, String> checksumHeaders) {

    /**
     * @param fullObjectClaim the whole-object checksum the Complete request sent as a header
     *                        ({@code x-amz-checksum-<alg>}), base64, or null
     */
    public static Assembly of(Upload upload, List<CompleteRequest.Requested> requested, String fullObjectClaim) {
        UploadChecksum checksum = UploadChecksum.of(upload);
        List<Part> parts = new ArrayList<>(requested.size());
        int previous = 0;
        for (CompleteRequest.Requested r : requested) {
            if (r.number() <= previous) {
                throw new S3Exception(S3Error.INVALID_PART_ORDER);
            }
            previous = r.number();
            Part p = upload.part(r.number()).orElseThrow(() -> invalidPart(r));
            if (!p.etag().equalsIgnoreCase(r.etag())) {
                throw invalidPart(r);
            }
            for (Map.Entry<ChecksumAlgorithm, String> c : r.checksums().entrySet()) {
                if (!c.getValue().equals(p.checksums().get(c.getKey().headerName()))) {
                    throw invalidPart(r);
                }
            }
            if (checksum != null && UploadChecksum.COMPOSITE.equals(checksum.type())
                    && !r.checksums().containsKey(checksum.algorithm())) {
                throw new S3Exception(S3Error.INVALID_REQUEST, "The upload was created using a "
                        + checksum.algorithm().wireName().toLowerCase(Locale.ROOT) + " checksum. The complete request must include the checksum for each part. It was missing for part "
                        + r.number() + " in the request.");
            }
            parts.add(p);
        }
        long size = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            if (i < parts.size() - 1 && p.size() < Part.MIN_SIZE) {
                throw new S3Exception(S3Error.ENTITY_TOO_SMALL, S3Error.ENTITY_TOO_SMALL.message(), Map.of(
                        "ProposedSize", Long.toString(p.size()), "MinSizeAllowed", Long.toString(Part.MIN_SIZE),
                        "PartNumber", Integer.toString(p.number()), "ETag", p.etag()));
            }
            size += p.size();
        }
        Map<String, String> headers = checksum == null ? Map.of() : checksumHeaders(checksum, parts, fullObjectClaim);
        return new Assembly(parts, size, etag(parts), headers);
    }

    /** S3's multipart ETag: the MD5 of the parts' binary MD5s, then {@code -N}. */
    static String etag(List<Part> parts) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Part p : parts) {
            md5.update(HexFormat.of().parseHex(p.etag()));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
    }

    private static Map<String, String> checksumHeaders(UploadChecksum c, List<Part> parts, String claim) {
        ChecksumAlgorithm a = c.algorithm();
        List<byte[]> digests = new ArrayList<>(parts.size());
        for (Part p : parts) {
            String stored = p.checksums().get(a.headerName());
            if (stored == null) {
                // Every part of an upload with an algorithm is checksummed on arrival; this is a bug.
                throw new IllegalStateException("part " + p.number() + " has no " + a.wireName() + " checksum");
            }
            digests.add(Base64.getDecoder().decode(stored));
        }
        String value;
        if (UploadChecksum.FULL_OBJECT.equals(c.type())) {
            byte[] whole = digests.get(0);
            for (int i = 1; i < parts.size(); i++) {
                whole = a.combine(whole, digests.get(i), parts.get(i).size());
            }
            value = Base64.getEncoder().encodeToString(whole);
        } else {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            digests.forEach(all::writeBytes);
            value = Base64.getEncoder().encodeToString(a.of(all.toByteArray())) + "-" + parts.size();
        }
        if (claim != null && !claim.trim().equals(value)) {
            throw new S3Exception(S3Error.BAD_DIGEST, "The " + a.wireName().toLowerCase(Locale.ROOT)
                    + " you specified did not match the calculated checksum.");
        }
        Map<String, String> out = new TreeMap<>();
        out.put(a.headerName(), value);
        out.put("x-amz-checksum-type", c.type());
        return out;
    }

    private static S3Exception invalidPart(CompleteRequest.Requested r) {
        return new S3Exception(S3Error.INVALID_PART, S3Error.INVALID_PART.message(),
                Map.of("PartNumber", Integer.toString(r.number()), "ETag", r.etag()));
    }
}
