package org.amber.lockd.event;

/**
 * Nothing happened but time: the record exists so that the compliance clock (the record's time) is
 * persisted while the daemon is idle, and resumes from near its last value after a restart.
 */
public record ClockTicked() implements Event {
}
