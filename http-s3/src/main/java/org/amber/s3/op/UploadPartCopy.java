package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.Part;
import org.amber.lockd.Versioning;
import org.amber.s3.BlobCopy;
import org.amber.s3.BodyReader;
import org.amber.s3.Conditions;
import org.amber.s3.CopySource;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.multipart.Uploads;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * UploadPartCopy: {@code PUT /bucket/key?partNumber=N&uploadId=U} with {@code x-amz-copy-source} and
 * optionally {@code x-amz-copy-source-range: bytes=first-last}. The source range's verified bytes are
 * copied into the part's own extent; the source is only read.
 */
public final class UploadPartCopy implements S3Operation {
    private final S3Services s;

    public UploadPartCopy(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        Uploads.Target t = Uploads.target(s, req);
        CopySource src = CopySource.parse(req.header("x-amz-copy-source"));
        ObjectVersion v = src.resolve(s);
        Conditions.ofCopySource(req).check(v);
        long[] range = range(req.header("x-amz-copy-source-range"), v.size());
        if (range[1] > Part.MAX_SIZE) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The specified copy source is larger than the maximum allowable size for a copy source: 5368709120");
        }
        UploadChecksum checksum = UploadChecksum.of(t.upload());
        BodyReader.Stored copied = BlobCopy.copy(s.blobs(), v, range[0], range[1], checksum == null ? null : checksum.algorithm());
        if (s.published().bucket(src.bucket()).map(sb -> sb.versioning() != Versioning.UNVERSIONED).orElse(false)) {
            response.getHeaders().put("x-amz-copy-source-version-id", v.versionId());
        }
        UploadPart.submit(s, req, response, callback, t.number(), range[1], copied, v);
    }

    /** {@code {first, count}} of {@code bytes=first-last}; the whole source when there is no header. */
    static long[] range(String header, long size) {
        if (header == null) {
            return new long[] {0, size};
        }
        String h = header.trim();
        int dash = h.indexOf('-');
        long first;
        long last;
        try {
            if (!h.startsWith("bytes=") || dash < 0) {
                throw new NumberFormatException();
            }
            first = Long.parseLong(h.substring(6, dash).trim());
            last = Long.parseLong(h.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
                    Map.of("ArgumentName", "x-amz-copy-source-range", "ArgumentValue", header));
        }
        if (first < 0 || last < first || last >= size) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Range specified is not valid for source object of size: " + size,
                    Map.of("ArgumentName", "x-amz-copy-source-range", "ArgumentValue", header));
        }
        return new long[] {first, last - first + 1};
    }
}
