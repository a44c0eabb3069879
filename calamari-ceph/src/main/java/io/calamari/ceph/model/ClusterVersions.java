package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/**
 * The cheap "version vector" {@code status} gives in one call: when any component differs from the
 * one held, the corresponding full object is worth fetching again. Immutable.
 */
public record ClusterVersions(
        int osdMapEpoch,
        int monMapEpoch,
        int fsMapEpoch,
        int electionEpoch,
        String healthStatus,
        long placementGroupCount) {
    public ClusterVersions {
        requireNonNull(healthStatus, "healthStatus");
    }
}
