package org.amber.lockd;

import java.util.List;
import org.amber.lockd.event.Event;

/**
 * The state machine's answer to a command: either events to persist (possibly none, for a no-op
 * such as deleting a key that does not exist) or a refusal.
 *
 * @param versionId the version the command created or removed, for the x-amz-version-id header
 * @param deleteMarker whether that version is a delete marker
 */
public record Decision(List<Event> events, Refusal refusal, String versionId, boolean deleteMarker) {
    public Decision {
        events = List.copyOf(events);
    }

    public static Decision refuse(Refusal why) {
        return new Decision(List.of(), why, null, false);
    }

    public static Decision accept(List<Event> events) {
        return new Decision(events, null, null, false);
    }

    public static Decision accept(List<Event> events, String versionId, boolean deleteMarker) {
        return new Decision(events, null, versionId, deleteMarker);
    }

    public boolean refused() {
        return refusal != null;
    }
}
