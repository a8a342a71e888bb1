package org.amber.s3.lock;

import java.time.Instant;
import java.util.Map;
import org.amber.lockd.lock.DefaultRetention;
import org.amber.lockd.lock.LegalHold;
import org.amber.lockd.lock.LockMode;
import org.amber.lockd.lock.Retention;
import org.amber.s3.S3Error;
import org.amber.s3.S3Exception;
import org.amber.s3.xml.XmlIn;

/**
 * The XML documents of the lock operations, read strictly (OBJECT-LOCK-SPEC.md §2.2, §4.1, §4.3): any
 * schema violation is MalformedXML; a bad default period is InvalidArgument.
 */
public final class LockXml {
    private static final String CONFIG = "ObjectLockConfiguration";
    private static final String RULE = CONFIG + "/Rule";
    private static final String DEFAULT = RULE + "/DefaultRetention";

    private LockXml() {
    }

    /** The body of PutObjectLockConfiguration: the default rule, or null when there is none. */
    public static DefaultRetention configuration(byte[] body) {
        Map<String, String> m = XmlIn.leaves(body);
        if (!CONFIG.equals(m.get("")) || !"Enabled".equals(m.get(CONFIG + "/ObjectLockEnabled"))) {
            throw malformed();
        }
        if (!m.containsKey(RULE)) {
            return null;
        }
        String mode = m.get(DEFAULT + "/Mode");
        String days = m.get(DEFAULT + "/Days");
        String years = m.get(DEFAULT + "/Years");
        if (!m.containsKey(DEFAULT) || mode == null || (days == null) == (years == null)) {
            throw malformed();
        }
        LockMode lockMode = mode(mode);
        int d = days == null ? 0 : period(days, "Days", DefaultRetention.MAX_DAYS);
        int y = years == null ? 0 : period(years, "Years", DefaultRetention.MAX_YEARS);
        return new DefaultRetention(lockMode, d, y);
    }

    /** The body of PutObjectRetention: the retention, or null for an empty {@code <Retention/>} (removal). */
    public static Retention retention(byte[] body) {
        Map<String, String> m = XmlIn.leaves(body);
        if (!"Retention".equals(m.get(""))) {
            throw malformed();
        }
        String mode = m.get("Retention/Mode");
        String date = m.get("Retention/RetainUntilDate");
        if (mode == null && date == null) {
            return null;
        }
        if (mode == null || date == null) {
            throw malformed();
        }
        Instant until = LockDates.parse(date);
        if (until == null) {
            throw malformed();
        }
        return new Retention(mode(mode), until);
    }

    /** The body of PutObjectLegalHold. */
    public static LegalHold legalHold(byte[] body) {
        if (body.length == 0) {
            throw malformed();
        }
        Map<String, String> m = XmlIn.leaves(body);
        String status = m.get("LegalHold/Status");
        if (!"LegalHold".equals(m.get("")) || !("ON".equals(status) || "OFF".equals(status))) {
            throw malformed();
        }
        return LegalHold.valueOf(status);
    }

    private static LockMode mode(String mode) {
        if (!"GOVERNANCE".equals(mode) && !"COMPLIANCE".equals(mode)) {
            throw malformed();
        }
        return LockMode.valueOf(mode);
    }

    private static int period(String text, String name, int max) {
        long n;
        try {
            n = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (n <= 0) {
            throw LockHeaders.invalid("Default retention period must be a positive integer value.", name, text);
        }
        if (n > max) {
            throw LockHeaders.invalid("Default retention period too large.", name, text);
        }
        return (int) n;
    }

    private static S3Exception malformed() {
        return new S3Exception(S3Error.MALFORMED_XML);
    }
}
