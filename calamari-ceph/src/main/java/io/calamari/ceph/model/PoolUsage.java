package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/**
 * One pool's usage from {@code df detail}: bytes stored (before replication), objects, raw bytes
 * used, percent used (0.0 to 1.0 as Ceph prints it), the bytes still available to it, and client IO
 * since the pool was created ({@code rd}, {@code rd_bytes}, {@code wr}, {@code wr_bytes}; 0 when the
 * answer has none, as plain {@code df} does). Immutable.
 */
public record PoolUsage(
        int id,
        String name,
        long stored,
        long objects,
        long bytesUsed,
        double percentUsed,
        long maxAvailable,
        long readOps,
        long readBytes,
        long writeOps,
        long writeBytes) {
    public PoolUsage {
        requireNonNull(name, "name");
    }
}
