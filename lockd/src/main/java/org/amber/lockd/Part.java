package org.amber.lockd;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One part of a multipart upload, and afterwards of the version completed from it: its bytes stay in
 * the extent UploadPart wrote them to (completion copies nothing).
 *
 * @param number    1 to {@link #MAX_PARTS}
 * @param etag      the hex MD5 of the part's bytes, unquoted
 * @param checksums verified additional checksums, by header name ({@code x-amz-checksum-crc32}) to base64
 */
public record Part(int number, long size, String etag, BlobRef blob, Map<String, String> checksums, Instant lastModified) {
    /** S3's limit on parts per upload. */
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part, except the last. */
    public static final long MIN_SIZE = 5L << 20;
    /** S3's largest part. */
    public static final long MAX_SIZE = 5L << 30;

    /** This part with its bytes at another place (compaction). */
    public Part withBlob(BlobRef moved) {
        return new Part(number, size, etag, moved, checksums, lastModified);
    }

    /** This part with its extent moved if {@code moves} names it; itself otherwise. */
    Part relocated(java.util.Map<BlobRef, BlobRef> moves) {
        BlobRef to = moves.get(blob);
        return to == null ? this : withBlob(to);
    }

    /** The same part wherever its bytes are: equal in all but the extent's place. */
    public boolean sameContent(Part o) {
        return number == o.number && size == o.size && etag.equals(o.etag) && checksums.equals(o.checksums)
                && lastModified.equals(o.lastModified) && blob.length() == o.blob.length() && blob.crc32c() == o.blob.crc32c();
    }

    public Part {
        checksums = checksums.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(checksums));
    }
}
