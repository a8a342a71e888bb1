package org.amber.lockd.event;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.RequestContext;

/**
 * One journal record: the events one command produced, written and replayed atomically, with who
 * caused them, from where, when, and the request id (the audit trail).
 *
 * @param seq      strictly increasing across the journal, starting at 1
 * @param time     the wall-clock time (never below an earlier record's): versions' Last-Modified
 * @param lockTime the compliance clock when it was decided: what retention was measured against, and
 *                 where the compliance clock resumes after a restart
 */
public record Recorded(long seq, Instant time, Instant lockTime, RequestContext context, List<Event> events) {
    public Recorded {
        events = List.copyOf(events);
        lockTime = lockTime == null ? time : lockTime;
    }

    /** A record decided when both clocks agreed. */
    public Recorded(long seq, Instant time, RequestContext context, List<Event> events) {
        this(seq, time, time, context, events);
    }
}
