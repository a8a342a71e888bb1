package org.amber.lockd.event;

import java.time.Instant;
import java.util.List;
import org.amber.lockd.RequestContext;

/**
 * One journal record: the events one command produced, written and replayed atomically, with who
 * caused them, from where, when, and the request id (the audit trail).
 *
 * @param seq strictly increasing across the journal, starting at 1
 */
public record Recorded(long seq, Instant time, RequestContext context, List<Event> events) {
    public Recorded {
        events = List.copyOf(events);
    }
}
