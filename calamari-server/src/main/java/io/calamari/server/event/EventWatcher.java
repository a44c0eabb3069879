package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.SnapshotListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each pair of consecutive snapshots of a cluster into events and hands them to the event
 * log. The first snapshot a server sees of a cluster produces none (no burst after a start), and
 * neither does a snapshot restored from the database nor the first one that follows it: stored
 * data is what a previous process saw, and comparing it with the first answer after a restart
 * would report every change of the downtime at once. Runs on the monitors' threads; detection is
 * in memory and recording only queues. Thread-safe.
 */
public final class EventWatcher implements SnapshotListener {
    private final EventDetector detector;
    private final EventSink sink;
    private final Clock clock;
    private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();

    public EventWatcher(EventDetector detector, EventSink sink, Clock clock) {
        this.detector = requireNonNull(detector, "detector");
        this.sink = requireNonNull(sink, "sink");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next) {
        Instant now = clock.instant();
        Instant previousAt = lastPublished.put(next.fsid(), now);
        if (previousAt == null
                || previous.isEmpty()
                || !previous.get().fsid().equals(next.fsid())
                || previous.get().restored()
                || next.restored()) {
            return;
        }
        detector.between(previous.get(), previousAt, next, now).forEach(sink::record);
    }
}
