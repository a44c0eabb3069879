package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One part of a cluster snapshot (an OSD map, the health report...) with the version Ceph gave it
 * (an epoch, or a change counter for parts without one) and when it was fetched. Immutable.
 */
public record Part<T>(T value, long version, Instant fetchedAt) {
    public Part {
        requireNonNull(value, "value");
        requireNonNull(fetchedAt, "fetchedAt");
    }
}
