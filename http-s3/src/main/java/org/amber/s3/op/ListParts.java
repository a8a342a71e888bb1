package org.amber.s3.op;

import java.util.Map;
import org.amber.lockd.Part;
import org.amber.lockd.Upload;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.body.ChecksumAlgorithm;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.multipart.Uploads;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** ListParts: {@code GET /bucket/key?uploadId=U}, paged by max-parts and part-number-marker. */
public final class ListParts implements S3Operation {
    private final S3Services s;

    public ListParts(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        Upload u = Uploads.find(Ops.bucket(s, req), req);
        int max = Uploads.max(req, "max-parts", 1000);
        int marker = marker(req.param("part-number-marker"));
        XmlOut x = XmlOut.s3("ListPartsResult").el("Bucket", req.bucket()).el("Key", u.key()).el("UploadId", u.uploadId());
        Ops.principal(x, "Initiator", u.owner());
        Ops.owner(x, u.owner());
        x.el("StorageClass", "STANDARD").el("PartNumberMarker", marker);
        var after = u.parts().tailMap(marker, false);
        java.util.List<Part> page = new java.util.ArrayList<>();
        boolean truncated = false;
        for (Part p : after.values()) {
            if (page.size() == max) {
                truncated = true;
                break;
            }
            page.add(p);
        }
        int last = page.isEmpty() ? marker : page.get(page.size() - 1).number();
        x.el("NextPartNumberMarker", last).el("MaxParts", max).el("IsTruncated", truncated);
        for (Part p : page) {
            x.start("Part").el("PartNumber", p.number()).el("LastModified", p.lastModified())
                    .el("ETag", Responses.quoted(p.etag())).el("Size", p.size());
            checksums(x, p);
            x.end();
        }
        UploadChecksum c = UploadChecksum.of(u);
        if (c != null) {
            x.el("ChecksumAlgorithm", c.algorithm().wireName()).el("ChecksumType", c.type());
        }
        Responses.xml(response, callback, 200, x.finish());
    }

    /** A part's checksums as {@code <ChecksumCRC32>} and the like (also used by GetObjectAttributes). */
    static void checksums(XmlOut x, Part p) {
        for (Map.Entry<String, String> e : p.checksums().entrySet()) {
            ChecksumAlgorithm.fromHeader(e.getKey()).ifPresent(a -> x.el("Checksum" + a.wireName(), e.getValue()));
        }
    }

    private static int marker(String v) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "Provided part-number-marker not an integer or within integer range",
                Map.of("ArgumentName", "part-number-marker", "ArgumentValue", v));
    }
}
