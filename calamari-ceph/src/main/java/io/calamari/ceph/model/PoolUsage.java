package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/**
 * One pool's usage from {@code df}: bytes stored (before replication), objects, raw bytes used,
 * percent used (0.0 to 1.0 as Ceph prints it) and the bytes still available to it. Immutable.
 */
public record PoolUsage(
        int id, String name, long stored, long objects, long bytesUsed, double percentUsed, long maxAvailable) {
    public PoolUsage {
        requireNonNull(name, "name");
    }
}
