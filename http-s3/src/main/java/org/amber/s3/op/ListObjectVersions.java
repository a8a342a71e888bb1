package org.amber.s3.op;

import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.VersionIds;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.list.ListParams;
import org.amber.s3.list.Listing;
import org.amber.s3.xml.XmlOut;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** ListObjectVersions: {@code GET /bucket?versions}, paged by key-marker and version-id-marker. */
public final class ListObjectVersions implements S3Operation {
    private final S3Services s;

    public ListObjectVersions(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        BucketState b = Ops.bucket(s, req);
        ListParams p = ListParams.of(req);
        String keyMarker = req.param("key-marker");
        String versionMarker = req.param("version-id-marker");
        if (versionMarker != null && !versionMarker.isEmpty()) {
            if (keyMarker == null || keyMarker.isEmpty()) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT,
                        "A version-id marker cannot be specified without a key marker.");
            }
            if (!VersionIds.isWellFormed(versionMarker)) {
                throw new S3Exception(S3Error.INVALID_VERSION_ID);
            }
        } else {
            versionMarker = null;
        }
        Listing.VersionPage page = Listing.versions(b.keys(), p.prefix(), p.delimiter(),
                keyMarker == null || keyMarker.isEmpty() ? null : keyMarker, versionMarker, p.maxKeys());
        XmlOut x = XmlOut.s3("ListVersionsResult").el("Name", b.name()).el("Prefix", p.show(p.prefix()));
        x.el("KeyMarker", p.show(keyMarker == null ? "" : keyMarker));
        x.el("VersionIdMarker", versionMarker == null ? "" : versionMarker);
        x.el("MaxKeys", p.maxKeys()).el("Delimiter", p.show(p.delimiter())).el("IsTruncated", page.truncated());
        if (page.truncated()) {
            x.el("NextKeyMarker", p.show(page.nextKeyMarker())).el("NextVersionIdMarker", page.nextVersionIdMarker());
        }
        for (ObjectVersion v : page.versions()) {
            boolean latest = b.latest(v.key()).map(l -> l.versionId().equals(v.versionId())).orElse(false);
            x.start(v.deleteMarker() ? "DeleteMarker" : "Version").el("Key", p.show(v.key()))
                    .el("VersionId", v.versionId()).el("IsLatest", latest).el("LastModified", v.lastModified());
            if (!v.deleteMarker()) {
                x.el("ETag", Responses.quoted(v.etag())).el("Size", v.size()).el("StorageClass", "STANDARD");
            }
            Ops.owner(x, v.owner());
            x.end();
        }
        ListObjects.commonPrefixes(x, p, page.commonPrefixes());
        if (p.urlEncoded()) {
            x.el("EncodingType", "url");
        }
        Responses.xml(response, callback, 200, x.finish());
    }
}
