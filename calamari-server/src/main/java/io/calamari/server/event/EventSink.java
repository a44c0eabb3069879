package io.calamari.server.event;

/** Where detected events go. Implementations are thread-safe and never block the caller on I/O. */
public interface EventSink {
    void record(Event event);
}
