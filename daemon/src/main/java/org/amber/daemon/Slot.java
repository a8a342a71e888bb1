package org.amber.daemon;

import java.util.function.Consumer;
import org.amber.lockd.Decision;
import org.amber.lockd.RequestContext;
import org.amber.lockd.command.Command;
import org.amber.lockd.event.Recorded;

/**
 * One entry of the Disruptor ring: a command on its way through decide → persist → reply. Each
 * field is written by one stage and read by the later ones (the ring's barriers order them).
 */
final class Slot {
    Command command;
    RequestContext context;
    Consumer<Decision> done;
    /** Set by decide. */
    Decision decision;
    /** Set by decide when the decision has events; what persist journals and reply publishes. */
    Recorded record;
    /** Set by persist when the batch holding this slot could not be made durable. */
    boolean failed;
    /** Set by persist: the journal queue index of {@link #record}. */
    long journalIndex = -1;
    /** Set by the submitter instead of a command: gets a copy of the published state when reply reaches it. */
    Consumer<Pipeline.PublishedImage> onImage;

    void clear() {
        command = null;
        context = null;
        done = null;
        decision = null;
        record = null;
        failed = false;
        journalIndex = -1;
        onImage = null;
    }
}
