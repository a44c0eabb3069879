package io.calamari.server.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * Told about every snapshot a cluster's monitor publishes, with the one it replaces (empty for
 * the first). Called on the monitor's thread: implementations must be quick and must not block on
 * I/O (queue the work instead).
 */
public interface SnapshotListener {
    void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next);

    /**
     * After every listener was told of {@code next}, when the cluster answered: how long the round
     * that built it took, from its first command to the end of publishing. Not called for snapshots
     * that only mark the cluster unreachable.
     */
    default void refreshed(Optional<ClusterSnapshot> previous, ClusterSnapshot next, Duration took) {}
}
