package org.amber.lockd.port;

import java.util.function.Consumer;
import org.amber.lockd.Decision;
import org.amber.lockd.RequestContext;
import org.amber.lockd.command.Command;

/**
 * Where the protocol layer sends commands: the daemon's pipeline decides each one, makes its
 * events durable, and only then calls {@code done}.
 */
public interface CommandBus {
    /**
     * Submits {@code c}. {@code done} runs exactly once on the pipeline's reply thread, after the
     * decision's events (and the blob bytes they reference) are durable, or with a refusal; it must
     * not block. Thread: any; may block briefly if the ring is full.
     */
    void submit(Command c, RequestContext ctx, Consumer<Decision> done);
}
