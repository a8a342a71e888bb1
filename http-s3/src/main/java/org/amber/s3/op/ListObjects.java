package org.amber.s3.op;

import java.util.List;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.list.ListParams;
import org.amber.s3.list.Listing;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** ListObjects (v1): {@code GET /bucket}, paged by marker. */
public final class ListObjects implements S3Operation {
    private final S3Services s;

    public ListObjects(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        BucketState b = Ops.bucket(s, req);
        ListParams p = ListParams.of(req);
        String marker = req.param("marker");
        Listing.ObjectPage page = Listing.objects(b.keys(), p.prefix(), p.delimiter(), marker, p.maxKeys());
        XmlOut x = XmlOut.s3("ListBucketResult").el("Name", b.name()).el("Prefix", p.show(p.prefix()));
        x.el("Marker", p.show(marker == null ? "" : marker)).el("MaxKeys", p.maxKeys());
        x.el("Delimiter", p.show(p.delimiter())).el("IsTruncated", page.truncated());
        if (page.truncated()) {
            x.el("NextMarker", p.show(page.last()));
        }
        for (ObjectVersion v : page.objects()) {
            contents(x, p, v, true);
        }
        commonPrefixes(x, p, page.commonPrefixes());
        if (p.urlEncoded()) {
            x.el("EncodingType", "url");
        }
        Responses.xml(response, callback, 200, x.finish());
    }

    static void contents(XmlOut x, ListParams p, ObjectVersion v, boolean owner) {
        x.start("Contents").el("Key", p.show(v.key())).el("LastModified", v.lastModified())
                .el("ETag", Responses.quoted(v.etag())).el("Size", v.size());
        if (owner) {
            Ops.owner(x, v.owner());
        }
        x.el("StorageClass", "STANDARD").end();
    }

    static void commonPrefixes(XmlOut x, ListParams p, List<String> prefixes) {
        for (String cp : prefixes) {
            x.start("CommonPrefixes").el("Prefix", p.show(cp)).end();
        }
    }
}
