package org.amber.s3.op;

import java.nio.charset.StandardCharsets;
import org.amber.lockd.BucketState;
import org.amber.lockd.command.IamCommand;
import org.amber.lockd.iam.PolicyScope;
import org.amber.lockd.policy.Effect;
import org.amber.lockd.policy.Policy;
import org.amber.lockd.policy.Statement;
import org.amber.s3.Ops;
import org.amber.s3.Responses;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Operation;
import org.amber.s3.S3Services;
import org.amber.s3.iam.PolicyException;
import org.amber.s3.iam.PolicyParser;
import org.amber.s3.xml.XmlOut;

/**
 * PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy and GetBucketPolicyStatus ({@code ?policy},
 * {@code ?policyStatus}). The root account may always replace or delete a bucket policy, whatever it says, so
 * that no policy can lock the owner out; every other explicit Deny binds root too.
 */
public final class BucketPolicy {
    private BucketPolicy() {
    }

    /** {@code PUT /bucket?policy}: the document is validated whole; MalformedPolicy says what is wrong. */
    public static S3Operation put(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            String doc = new String(Ops.smallBody(req, PolicyParser.MAX_BYTES), StandardCharsets.UTF_8);
            try {
                PolicyParser.parse(doc, PolicyParser.Kind.BUCKET, req.bucket());
            } catch (PolicyException e) {
                throw new S3Exception(S3Error.MALFORMED_POLICY, e.getMessage());
            }
            Ops.submit(s, req, response, callback, new IamCommand.PutPolicy(PolicyScope.BUCKET, req.bucket(), null, doc),
                    d -> Responses.empty(response, callback, 204));
        };
    }

    /** {@code GET /bucket?policy}: the document as it was put. */
    public static S3Operation get(S3Services s) {
        return (req, response, callback) -> {
            String doc = Ops.bucket(s, req).policy();
            if (doc == null) {
                throw new S3Exception(S3Error.NO_SUCH_BUCKET_POLICY, S3Error.NO_SUCH_BUCKET_POLICY.message(),
                        java.util.Map.of("BucketName", req.bucket()));
            }
            Responses.body(response, callback, 200, "application/json", doc.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** {@code DELETE /bucket?policy}: 204, whether or not there was one. */
    public static S3Operation delete(S3Services s) {
        return (req, response, callback) -> {
            Ops.bucket(s, req);
            Ops.submit(s, req, response, callback, new IamCommand.PutPolicy(PolicyScope.BUCKET, req.bucket(), null, null),
                    d -> Responses.empty(response, callback, 204));
        };
    }

    /**
     * {@code GET /bucket?policyStatus}: public when an unconditional Allow names everyone ({@code "*"} or
     * {@code {"AWS": "*"}}), as S3 judges it.
     */
    public static S3Operation status(S3Services s) {
        return (req, response, callback) -> {
            BucketState b = Ops.bucket(s, req);
            boolean isPublic = false;
            if (b.policy() != null) {
                Policy p = PolicyParser.parseStored(b.policy(), PolicyParser.Kind.BUCKET);
                for (Statement st : p.statements()) {
                    boolean everyone = st.principal() != null && !st.notPrincipal() && (st.principal().anyone()
                            || st.principal().byType().getOrDefault("AWS", java.util.List.of()).contains("*"));
                    isPublic |= st.effect() == Effect.ALLOW && everyone && st.conditions().isEmpty();
                }
            }
            Responses.xml(response, callback, 200, XmlOut.s3("PolicyStatus").el("IsPublic", isPublic).finish());
        };
    }
}
