package org.amber.s3.lock;

import java.time.Instant;
import java.util.Map;
import org.amber.lockd.BucketState;
import org.amber.lockd.ObjectVersion;
import org.amber.lockd.lock.LegalHold;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.LockRequest;
import org.amber.lockd.lock.ObjectLock;
import org.amber.lockd.lock.Retention;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.S3Request;
import org.eclipse.jetty.server.Response;

/**
 * The Object Lock headers of writes (PutObject, CopyObject, CreateMultipartUpload; §3.1) and of GET/HEAD
 * answers (§4.5), with S3's checks in S3's order (§8): the bucket has Object Lock, the write carries an
 * integrity header, then the syntax of each header.
 */
public final class LockHeaders {
    public static final String MODE = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    static final String BOTH = "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied";

    private LockHeaders() {
    }

    /** Whether the request carries any of the three lock headers. */
    public static boolean present(S3Request req) {
        return req.header(MODE) != null || req.header(RETAIN_UNTIL) != null || req.header(LEGAL_HOLD) != null;
    }

    /**
     * The lock the write asks for. {@code requireIntegrity} names the request kind for E21 ("Put Object")
     * when the write has a payload; null for CopyObject and CreateMultipartUpload, which have none.
     * {@code now} is the compliance clock: an explicit date must lie after it.
     */
    public static LockRequest parse(S3Request req, BucketState b, String requireIntegrity, Instant now) {
        boolean explicit = present(req);
        if (explicit && !b.objectLockEnabled()) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Bucket is missing ObjectLockConfiguration");
        }
        if (requireIntegrity != null && (explicit || b.defaultRetention() != null)) {
            requireIntegrity(req, requireIntegrity);
        }
        if (!explicit) {
            return LockRequest.NONE;
        }
        String mode = req.header(MODE);
        String date = req.header(RETAIN_UNTIL);
        Retention retention = null;
        if (mode != null && date == null) {
            throw invalid(BOTH, RETAIN_UNTIL, null);
        } else if (date != null && mode == null) {
            throw invalid(BOTH, MODE, null);
        } else if (mode != null) {
            LockMode m = mode(mode);
            Instant until = LockDates.parse(date);
            if (until == null) {
                throw invalid("The retain until date must be provided in ISO 8601 format", RETAIN_UNTIL, date);
            }
            LockDates.requireFuture(until, now, RETAIN_UNTIL, date);
            retention = new Retention(m, until);
        }
        String hold = req.header(LEGAL_HOLD);
        LegalHold legalHold = null;
        if (hold != null) {
            if (!"ON".equals(hold) && !"OFF".equals(hold)) {
                throw invalid("Legal Hold must be either of 'ON' or 'OFF'", LEGAL_HOLD, hold);
            }
            legalHold = LegalHold.valueOf(hold);
        }
        return new LockRequest(retention, legalHold);
    }

    /**
     * A write with Object Lock parameters must prove its payload: Content-MD5 or an x-amz-checksum-* value,
     * as a header or an announced trailer (§3.2); x-amz-content-sha256 alone is not enough.
     */
    public static void requireIntegrity(S3Request req, String what) {
        boolean present = req.header("content-md5") != null
                || req.headerNames().stream().anyMatch(h -> org.amber.s3.body.ChecksumAlgorithm.fromHeader(h).isPresent())
                || String.valueOf(req.header("x-amz-trailer")).toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-");
        if (!present) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "Content-MD5 OR x-amz-checksum- HTTP header is required for " + what + " requests with Object Lock parameters");
        }
    }

    /**
     * The lock state of a version as GET and HEAD show it (§4.5); nothing for a version never locked, and only
     * the parts the caller may read ({@code showRetention}: s3:GetObjectRetention, {@code showLegalHold}:
     * s3:GetObjectLegalHold).
     */
    public static void write(Response response, ObjectVersion v, boolean showRetention, boolean showLegalHold) {
        ObjectLock lock = v.lock();
        if (lock.retention() != null && showRetention) {
            response.getHeaders().put(MODE, lock.retention().mode().name());
            response.getHeaders().put(RETAIN_UNTIL, LockDates.format(lock.retention().retainUntil()));
        }
        if (lock.legalHold() != null && showLegalHold) {
            response.getHeaders().put(LEGAL_HOLD, lock.legalHold().name());
        }
    }

    private static LockMode mode(String mode) {
        try {
            return LockMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw invalid("Unknown wormMode directive.", MODE, mode);
        }
    }

    static S3Exception invalid(String message, String argument, String value) {
        return new S3Exception(S3Error.INVALID_ARGUMENT, message,
                value == null ? Map.of("ArgumentName", argument) : Map.of("ArgumentName", argument, "ArgumentValue", value));
    }
}
