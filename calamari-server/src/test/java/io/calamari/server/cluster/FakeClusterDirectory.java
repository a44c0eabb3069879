package io.calamari.server.cluster;

import io.calamari.ceph.rados.RadosClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A directory of fixed snapshots, for tests of the read API without a cluster. Thread-safe. */
public final class FakeClusterDirectory implements ClusterDirectory {
    private final Map<String, ClusterSnapshot> snapshots = new ConcurrentSkipListMap<>();
    private final Map<String, ClusterCommands> commands = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<RadosClient>> connectors = new ConcurrentSkipListMap<>();
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();

    public FakeClusterDirectory(ClusterSnapshot... clusters) {
        for (ClusterSnapshot cluster : clusters) {
            put(cluster);
        }
    }

    /** Replaces the cluster's snapshot, telling the listeners as a monitor would. */
    public void put(ClusterSnapshot snapshot) {
        Optional<ClusterSnapshot> previous = Optional.ofNullable(snapshots.put(snapshot.fsid(), snapshot));
        listeners.forEach(listener -> listener.published(previous, snapshot));
    }

    @Override
    public void addListener(SnapshotListener listener) {
        listeners.add(listener);
    }

    @Override
    public List<ClusterSnapshot> clusters() {
        return List.copyOf(snapshots.values());
    }

    @Override
    public Optional<ClusterSnapshot> cluster(String fsid) {
        return Optional.ofNullable(snapshots.get(fsid));
    }

    /** Lets the cluster take commands through {@code channel} (tests of the request machinery). */
    public void acceptCommands(String fsid, ClusterCommands channel) {
        commands.put(fsid, channel);
    }

    /** Unless {@link #acceptCommands} was called, fixed snapshots take no commands: mutations answer 503. */
    @Override
    public Optional<ClusterCommands> commands(String fsid) {
        return Optional.ofNullable(commands.get(fsid));
    }

    /** Lets the cluster be connected to through {@code connector} (tests of the cluster-log stream). */
    public void acceptConnections(String fsid, Supplier<RadosClient> connector) {
        connectors.put(fsid, connector);
    }

    /** Unless {@link #acceptConnections} was called, fixed snapshots cannot be connected to. */
    @Override
    public Optional<Supplier<RadosClient>> connector(String fsid) {
        return Optional.ofNullable(connectors.get(fsid));
    }

    @Override
    public boolean forget(String fsid) {
        connectors.remove(fsid);
        commands.remove(fsid);
        return snapshots.remove(fsid) != null;
    }
}
