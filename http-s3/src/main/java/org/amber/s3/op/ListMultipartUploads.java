package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.lockd.Upload;
import org.amber.s3.Ops;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.Responses;
import org.amber.s3.list.ListParams;
import org.amber.s3.list.Listing;
import org.amber.s3.multipart.UploadChecksum;
import org.amber.s3.multipart.Uploads;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * ListMultipartUploads: {@code GET /bucket?uploads}, uploads in progress in key order (each key's in the
 * order they began), with prefix, delimiter, and paging by key-marker and upload-id-marker.
 */
public final class ListMultipartUploads implements S3Operation {
    private final S3Services s;

    public ListMultipartUploads(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        BucketState b = Ops.bucket(s, req);
        ListParams q = ListParams.of(req);
        ListParams p = new ListParams(q.prefix(), q.delimiter(), Uploads.max(req, "max-uploads", 1000), q.urlEncoded());
        String keyMarker = emptyToNull(req.param("key-marker"));
        String idMarker = keyMarker == null ? null : emptyToNull(req.param("upload-id-marker"));
        Listing.NestedPage<Upload> page = Listing.nested(b.uploads(), list -> list, Upload::uploadId, p.prefix(),
                p.delimiter(), keyMarker, idMarker, p.maxKeys());
        XmlOut x = XmlOut.s3("ListMultipartUploadsResult").el("Bucket", b.name())
                .el("KeyMarker", p.show(keyMarker == null ? "" : keyMarker)).el("UploadIdMarker", idMarker == null ? "" : idMarker);
        if (page.truncated()) {
            x.el("NextKeyMarker", p.show(page.nextKeyMarker())).el("NextUploadIdMarker", page.nextIdMarker());
        }
        x.el("Prefix", p.show(p.prefix())).el("Delimiter", p.show(p.delimiter())).el("MaxUploads", p.maxKeys())
                .el("IsTruncated", page.truncated());
        for (Upload u : page.entries()) {
            x.start("Upload").el("Key", p.show(u.key())).el("UploadId", u.uploadId());
            Ops.principal(x, "Initiator", u.owner());
            Ops.owner(x, u.owner());
            x.el("StorageClass", "STANDARD").el("Initiated", u.initiated());
            UploadChecksum c = UploadChecksum.of(u);
            if (c != null) {
                x.el("ChecksumAlgorithm", c.algorithm().wireName()).el("ChecksumType", c.type());
            }
            x.end();
        }
        ListObjects.commonPrefixes(x, p, page.commonPrefixes());
        if (p.urlEncoded()) {
            x.el("EncodingType", "url");
        }
        Responses.xml(response, callback, 200, x.finish());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
