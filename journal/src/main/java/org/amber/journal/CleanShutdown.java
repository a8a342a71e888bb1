package org.amber.journal;

import java.time.Instant;

/**
 * The journal-level marker written on an orderly stop: every record before it was synced and its
 * blobs were durable when the daemon stopped. Immutable.
 *
 * @param lastSeq the seq of the last record before the marker (0 for an empty journal)
 */
record CleanShutdown(long lastSeq, Instant time) {
}
