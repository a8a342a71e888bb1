package org.amber.s3.op;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
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

/** ListObjectsV2: {@code GET /bucket?list-type=2}; the continuation token is the last key or prefix, encoded. */
public final class ListObjectsV2 implements S3Operation {
    private final S3Services s;

    public ListObjectsV2(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) {
        if (!"2".equals(req.param("list-type"))) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid List Type specified in Request",
                    Map.of("ArgumentName", "list-type", "ArgumentValue", req.param("list-type")));
        }
        BucketState b = Ops.bucket(s, req);
        ListParams p = ListParams.of(req);
        String token = req.param("continuation-token");
        String startAfter = req.param("start-after");
        String after = token != null ? decodeToken(token) : startAfter;
        Listing.ObjectPage page = Listing.objects(b.keys(), p.prefix(), p.delimiter(), after, p.maxKeys());
        boolean owner = "true".equals(req.param("fetch-owner"));
        XmlOut x = XmlOut.s3("ListBucketResult").el("Name", b.name()).el("Prefix", p.show(p.prefix()));
        x.el("MaxKeys", p.maxKeys()).el("KeyCount", page.objects().size() + page.commonPrefixes().size());
        x.el("Delimiter", p.show(p.delimiter())).el("IsTruncated", page.truncated());
        x.el("ContinuationToken", token).el("StartAfter", p.show(startAfter));
        if (page.truncated()) {
            x.el("NextContinuationToken", encodeToken(page.last()));
        }
        for (ObjectVersion v : page.objects()) {
            ListObjects.contents(x, p, v, owner);
        }
        ListObjects.commonPrefixes(x, p, page.commonPrefixes());
        if (p.urlEncoded()) {
            x.el("EncodingType", "url");
        }
        Responses.xml(response, callback, 200, x.finish());
    }

    private static String encodeToken(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect",
                    Map.of("ArgumentName", "continuation-token"));
        }
    }
}
