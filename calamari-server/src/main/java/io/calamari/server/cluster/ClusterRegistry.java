package io.calamari.server.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The clusters this server monitors, by fsid, each with the supplier of its latest snapshot (its
 * monitor). Thread-safe; reads never block.
 */
public final class ClusterRegistry implements ClusterDirectory, AutoCloseable {
    private final ConcurrentSkipListMap<String, Supplier<ClusterSnapshot>> clusters = new ConcurrentSkipListMap<>();

    @Override
    public List<ClusterSnapshot> clusters() {
        return clusters.values().stream().map(Supplier::get).toList();
    }

    @Override
    public Optional<ClusterSnapshot> cluster(String fsid) {
        return Optional.ofNullable(clusters.get(fsid)).map(Supplier::get);
    }

    @Override
    public boolean forget(String fsid) {
        Supplier<ClusterSnapshot> removed = clusters.remove(fsid);
        if (removed instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        return removed != null;
    }

    @Override
    public void close() {
        clusters.keySet().forEach(this::forget);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing a cluster monitor failed", e);
        }
    }
}
