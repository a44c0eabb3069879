package io.calamari.server.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A directory of fixed snapshots, for tests of the read API without a cluster. Thread-safe. */
public final class FakeClusterDirectory implements ClusterDirectory {
    private final Map<String, ClusterSnapshot> snapshots = new ConcurrentSkipListMap<>();
    private final Map<String, ClusterCommands> commands = new ConcurrentSkipListMap<>();
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

    @Override
    public boolean forget(String fsid) {
        return snapshots.remove(fsid) != null;
    }
}
