package io.calamari.server.cluster;

import java.util.Optional;

/**
 * Told about every snapshot a cluster's monitor publishes, with the one it replaces (empty for
 * the first). Called on the monitor's thread: implementations must be quick and must not block on
 * I/O (queue the work instead).
 */
public interface SnapshotListener {
    void published(Optional<ClusterSnapshot> previous, ClusterSnapshot next);
}
