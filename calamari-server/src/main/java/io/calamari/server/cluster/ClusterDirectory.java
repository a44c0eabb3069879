package io.calamari.server.cluster;

import io.calamari.ceph.rados.RadosClient;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read access to the latest snapshot of every monitored cluster; what routes and other consumers
 * depend on. Implementations are thread-safe and never block on Ceph.
 */
public interface ClusterDirectory {
    /** Every cluster with a known fsid, ordered by fsid. */
    List<ClusterSnapshot> clusters();

    Optional<ClusterSnapshot> cluster(String fsid);

    /** Adds a listener told about every snapshot published from now on (for every cluster). */
    void addListener(SnapshotListener listener);

    /** How to send commands to a cluster; empty when the fsid is unknown or the cluster cannot take commands. */
    Optional<ClusterCommands> commands(String fsid);

    /**
     * How to open a connection of the caller's own to a cluster, for a long-lived use such as following
     * its log; empty when the fsid is unknown or the cluster cannot be reached this way (the default).
     * The supplier blocks up to the connection timeout and throws {@code RadosException} when the
     * cluster does not answer; the caller closes the client it returns.
     */
    default Optional<Supplier<RadosClient>> connector(String fsid) {
        return Optional.empty();
    }

    /**
     * Stops monitoring a cluster and forgets it until the server restarts (Calamari's
     * {@code DELETE cluster}). Returns false when the fsid is unknown.
     */
    boolean forget(String fsid);

    /**
     * Before {@link #startMonitoring()}: each cluster whose ceph.conf names its fsid starts with the
     * snapshot {@code stored} gives for that fsid, if any, marked restored (see {@link
     * ClusterMonitor#restore}). Returns the fsids restored: none once monitoring has started, and
     * none for directories that do not monitor.
     */
    default List<String> restore(Function<String, Optional<ClusterSnapshot>> stored) {
        return List.of();
    }

    /** Starts polling the clusters; calls after the first do nothing, as do directories that do not monitor. */
    default void startMonitoring() {}
}
