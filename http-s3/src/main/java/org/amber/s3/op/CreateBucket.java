package org.amber.s3.op;

import java.util.Map;
import org.amber.s3.BucketNames;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Request;
import org.amber.s3.S3Services;
import org.amber.s3.xml.XmlIn;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** CreateBucket: {@code PUT /bucket}, with an optional CreateBucketConfiguration body. */
public final class CreateBucket implements S3Operation {
    private final S3Services s;

    public CreateBucket(S3Services s) {
        this.s = s;
    }

    @Override
    public void handle(S3Request req, Response response, Callback callback) throws Exception {
        BucketNames.check(req.bucket());
        boolean lock = objectLockRequested(req.header("x-amz-bucket-object-lock-enabled"));
        byte[] body = Ops.smallBody(req, XmlIn.MAX_BYTES);
        if (body.length > 0) {
            Map<String, String> xml = XmlIn.leaves(body);
            if (!"CreateBucketConfiguration".equals(xml.get(""))) {
                throw new S3Exception(S3Error.MALFORMED_XML);
            }
        }
        Ops.submit(s, req, response, callback, new org.amber.lockd.command.CreateBucket(req.bucket(), lock), d -> {
            response.getHeaders().put("Location", "/" + req.bucket());
            Responses.empty(response, callback, 200);
        });
    }

    /** {@code x-amz-bucket-object-lock-enabled}: true or false in any case (older CLIs sent {@code True}); else 400. */
    private static boolean objectLockRequested(String value) {
        if (value == null || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw new S3Exception(S3Error.INVALID_ARGUMENT, "x-amz-bucket-object-lock-enabled must be true or false",
                Map.of("ArgumentName", "x-amz-bucket-object-lock-enabled", "ArgumentValue", value));
    }
}
