package org.amber.lockd;

/**
 * Who asked, from where, under which request id: carried by every command into the journal, which
 * doubles as the audit trail.
 */
public record RequestContext(String principal, String sourceIp, String requestId) {
    /** The context of actions the daemon takes itself (bootstrap, recovery). */
    public static RequestContext system(String requestId) {
        return new RequestContext("amber:system", "local", requestId);
    }
}
