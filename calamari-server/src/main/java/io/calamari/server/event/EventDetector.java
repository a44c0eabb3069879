package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Detects the events between two consecutive snapshots of one cluster, with Calamari's eventer
 * severities and texts where it had them: contact lost and regained, health and health checks,
 * quorum, OSDs, pools, cluster flags and placement-group trouble. A pure function: no I/O, no
 * clock; the caller says when each snapshot was looked at.
 *
 * <p>Like Calamari, a part compares only with a previous part: a part the previous snapshot did not
 * have yet (the first sync after start) produces no events, so that starting never floods the
 * timeline. Events come in a fixed order (contact, health, quorum, OSD map, PGs; ids ascending).
 *
 * <p>Immutable and thread-safe.
 */
public final class EventDetector {
    /** Calamari's {@code cluster_contact_threshold}: data older than this is late. */
    public static final Duration CALAMARI_CONTACT_THRESHOLD = Duration.ofSeconds(60);

    private final Duration contactThreshold;

    /** @param contactThreshold how old a snapshot's data may be before the cluster is late reporting in */
    public EventDetector(Duration contactThreshold) {
        requireNonNull(contactThreshold, "contactThreshold");
        if (contactThreshold.isNegative() || contactThreshold.isZero()) {
            throw new IllegalArgumentException("contactThreshold must be positive: " + contactThreshold);
        }
        this.contactThreshold = contactThreshold;
    }

    /**
     * The events that happened between {@code previous}, as it stood at {@code previousAt}, and
     * {@code next}, as it stands {@code now}; each event is dated {@code now}.
     *
     * @throws IllegalArgumentException when the snapshots are of different clusters
     */
    public List<Event> between(ClusterSnapshot previous, Instant previousAt, ClusterSnapshot next, Instant now) {
        requireNonNull(previous, "previous");
        requireNonNull(previousAt, "previousAt");
        requireNonNull(next, "next");
        requireNonNull(now, "now");
        if (!previous.fsid().equals(next.fsid())) {
            throw new IllegalArgumentException(
                    "snapshots of different clusters: " + previous.fsid() + " and " + next.fsid());
        }
        EventContext sink = new EventContext(next.fsid(), next.name(), now);
        List<Event> events = new ArrayList<>(contact(previous, previousAt, next, now, sink));
        events.addAll(compare(previous.health(), next.health(), sink, HealthEvents::between));
        events.addAll(compare(previous.quorum(), next.quorum(), sink, QuorumEvents::between));
        events.addAll(compare(previous.osdMap(), next.osdMap(), sink, OsdMapEvents::between));
        events.addAll(compare(previous.pgSummary(), next.pgSummary(), sink, PlacementGroupEvents::between));
        return List.copyOf(events);
    }

    private List<Event> contact(
            ClusterSnapshot previous, Instant previousAt, ClusterSnapshot next, Instant now, EventContext sink) {
        boolean wasLate = isLate(previous, previousAt);
        boolean isLate = isLate(next, now);
        if (!wasLate && isLate) {
            return List.of(sink.cluster(Severity.WARNING, "Cluster '%s' is late reporting in", sink.name()));
        }
        if (wasLate && !isLate) {
            return List.of(sink.cluster(Severity.RECOVERY, "Cluster '%s' regained contact", sink.name()));
        }
        return List.of();
    }

    /**
     * Late when the cluster last answered longer ago than the threshold; whether the last attempt
     * failed does not matter (a monitor that hangs never records a failure, only an old update
     * time).
     */
    private boolean isLate(ClusterSnapshot snapshot, Instant at) {
        return snapshot.age(at).compareTo(contactThreshold) > 0;
    }

    private static <T> List<Event> compare(
            Optional<Part<T>> previous, Optional<Part<T>> next, EventContext sink, PartDetector<T> detector) {
        if (previous.isEmpty()
                || next.isEmpty()
                || previous.get().value() == next.get().value()) {
            return List.of(); // a part the round did not fetch again is the same object: nothing changed
        }
        return detector.apply(sink, previous.get().value(), next.get().value());
    }

    /** One detector of one part: the events between two values of the part. */
    @FunctionalInterface
    private interface PartDetector<T> {
        List<Event> apply(EventContext sink, T previous, T next);
    }
}
