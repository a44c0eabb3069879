package io.calamari.ceph.model;

import java.util.List;
import java.util.Optional;

/** Cluster-wide and per-pool space from {@code df}. Immutable. */
public record ClusterDf(long totalBytes, long totalUsedBytes, long totalAvailableBytes, List<PoolUsage> pools) {
    public ClusterDf {
        pools = List.copyOf(pools);
    }

    public Optional<PoolUsage> pool(int id) {
        return pools.stream().filter(pool -> pool.id() == id).findFirst();
    }
}
