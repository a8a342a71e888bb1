package org.amber.daemon;

import org.amber.lockd.event.Event;
import org.amber.lockd.event.LegalHoldSet;
import org.amber.lockd.event.Recorded;
import org.amber.lockd.event.RetentionSet;
import org.amber.lockd.event.VersionRemoved;
import org.amber.lockd.lock.LegalHold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overrides of Object Lock, logged once durable: a governance bypass (a protected version deleted, or its
 * GOVERNANCE retention shortened, removed or re-moded) and a legal hold lifted. The journal record itself
 * is the audit trail (who, from where, when, which request); this puts the same facts in the log.
 */
final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger("amber.audit");

    private Audit() {
    }

    /** Logs the overrides {@code r} holds, if any. Thread: the reply stage. */
    static void overrides(Recorded r) {
        for (Event e : r.events()) {
            String what = null;
            if (e instanceof VersionRemoved v && v.governanceBypassed()) {
                what = "deleted GOVERNANCE-protected version " + v.bucket() + "/" + v.key() + "@" + v.versionId() + " bypassing governance";
            } else if (e instanceof RetentionSet s && s.governanceBypassed()) {
                what = "changed the GOVERNANCE retention of " + s.bucket() + "/" + s.key() + "@" + s.versionId() + " to "
                        + (s.retention() == null ? "none" : s.retention().mode() + " until " + s.retention().retainUntil())
                        + " bypassing governance";
            } else if (e instanceof LegalHoldSet h && h.status() == LegalHold.OFF) {
                what = "set the legal hold of " + h.bucket() + "/" + h.key() + "@" + h.versionId() + " OFF";
            }
            if (what != null) {
                LOG.warn("lock override: {} from {} {} at {} (request {}, record {})", r.context().principal(),
                        r.context().sourceIp(), what, r.time(), r.context().requestId(), r.seq());
            }
        }
    }
}
