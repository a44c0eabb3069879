package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

/** An event with the id the store gave it (increasing in the order events were stored). Immutable. */
public record StoredEvent(long id, Event event) {
    public StoredEvent {
        requireNonNull(event, "event");
    }
}
