package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The summary {@code status} returns: fsid, health, quorum, map epochs, OSD counts and the PG map
 * summary. Immutable.
 */
public record ClusterStatus(
        String fsid,
        HealthReport health,
        int electionEpoch,
        List<String> quorumNames,
        int monMapEpoch,
        int osdMapEpoch,
        int osdCount,
        int upOsdCount,
        int inOsdCount,
        int fsMapEpoch,
        List<PgStateCount> pgsByState,
        long placementGroupCount,
        long poolCount,
        long objectCount,
        long bytesUsed,
        long bytesAvailable,
        long bytesTotal) {
    public ClusterStatus {
        requireNonNull(fsid, "fsid");
        requireNonNull(health, "health");
        quorumNames = List.copyOf(quorumNames);
        pgsByState = List.copyOf(pgsByState);
    }

    public ClusterVersions versions() {
        return new ClusterVersions(
                osdMapEpoch, monMapEpoch, fsMapEpoch, electionEpoch, health.status(), placementGroupCount);
    }
}
