package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Times every round in which a cluster answered, into the server's metrics as
 * {@code calamari_cluster_refresh_seconds}, tagged with the cluster's fsid and with the costliest
 * part the round fetched: {@code osd_map} (the OSD map with its tree, CRUSH map and metadata),
 * {@code pg_summary} (the PG dump), or {@code status} (the status and the small parts only). The
 * time runs from the round's first command to the end of publishing the new snapshot.
 */
public final class RefreshTimer implements SnapshotListener {
    private final MeterRegistry registry;

    public RefreshTimer(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next) {}

    @Override
    public void refreshed(Optional<ClusterSnapshot> previous, ClusterSnapshot next, Duration took) {
        Timer.builder("calamari.cluster.refresh")
                .description("Time to refresh a cluster's snapshot, by the costliest part fetched")
                .tag("fsid", next.fsid())
                .tag("fetched", fetched(previous, next))
                .register(registry)
                .record(took);
    }

    /** The costliest part {@code next} holds that {@code previous} did not. */
    static String fetched(Optional<ClusterSnapshot> previous, ClusterSnapshot next) {
        if (moved(previous, next, ClusterSnapshot::osdMap)) {
            return "osd_map";
        }
        return moved(previous, next, ClusterSnapshot::pgSummary) ? "pg_summary" : "status";
    }

    private static boolean moved(
            Optional<ClusterSnapshot> previous,
            ClusterSnapshot next,
            Function<ClusterSnapshot, Optional<? extends Part<?>>> part) {
        Optional<? extends Part<?>> now = part.apply(next);
        Optional<? extends Part<?>> before = previous.flatMap(part);
        return now.isPresent() && (before.isEmpty() || before.get() != now.get());
    }
}
