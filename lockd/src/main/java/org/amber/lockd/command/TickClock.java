package org.amber.lockd.command;

/** Records the compliance clock while the daemon is idle (see {@link org.amber.lockd.event.ClockTicked}). */
public record TickClock() implements Command {
}
