package io.calamari.server.event;

import io.calamari.ceph.model.HealthCheck;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.Pool;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Copies of recorded fixture snapshots with one thing changed, for the event detector's tests. */
final class SnapshotEdits {
    private SnapshotEdits() {}

    static ClusterSnapshot withOsds(ClusterSnapshot snapshot, UnaryOperator<List<Osd>> edit) {
        return withOsdMap(
                snapshot,
                map -> new OsdMap(map.epoch() + 1, map.fsid(), map.flags(), edit.apply(map.osds()), map.pools()));
    }

    static ClusterSnapshot withPools(ClusterSnapshot snapshot, UnaryOperator<List<Pool>> edit) {
        return withOsdMap(
                snapshot,
                map -> new OsdMap(map.epoch() + 1, map.fsid(), map.flags(), map.osds(), edit.apply(map.pools())));
    }

    static ClusterSnapshot withFlags(ClusterSnapshot snapshot, Set<String> added, Set<String> removed) {
        return withOsdMap(snapshot, map -> {
            Set<String> flags = new HashSet<>(map.flags());
            flags.addAll(added);
            flags.removeAll(removed);
            return new OsdMap(map.epoch() + 1, map.fsid(), flags, map.osds(), map.pools());
        });
    }

    /** The snapshot with its OSD map edited and every index rebuilt from the edited map. */
    static ClusterSnapshot withOsdMap(ClusterSnapshot snapshot, UnaryOperator<OsdMap> edit) {
        OsdMapPart part = snapshot.osdMap().orElseThrow().value();
        OsdMapPart edited = OsdMapPart.of(
                edit.apply(part.map()),
                part.tree(),
                part.crush(),
                List.copyOf(part.metadata().values()),
                part.compiledCrush());
        return FixtureSnapshots.withOsdMap(snapshot, edited);
    }

    static Osd withState(Osd osd, boolean up, boolean in) {
        return new Osd(
                osd.id(),
                osd.uuid(),
                up,
                in,
                in ? osd.weight() : 0.0,
                osd.primaryAffinity(),
                osd.publicAddress(),
                osd.clusterAddress(),
                osd.heartbeatBackAddress(),
                osd.heartbeatFrontAddress(),
                osd.upFrom(),
                osd.upThrough(),
                osd.downAt(),
                osd.lostAt(),
                osd.state());
    }

    static Pool renamed(Pool pool, String name) {
        return new Pool(
                pool.id(),
                name,
                pool.type(),
                pool.size(),
                pool.minSize(),
                pool.placementGroupCount(),
                pool.placementGroupPlacementCount(),
                pool.crushRule(),
                pool.erasureCodeProfile(),
                pool.flags(),
                pool.flagNames(),
                pool.quotaMaxBytes(),
                pool.quotaMaxObjects(),
                pool.applications(),
                pool.placementGroupTarget(),
                pool.placementGroupPlacementTarget(),
                pool.autoscaleMode(),
                pool.compressionMode());
    }

    static HealthReport health(String status, HealthCheck... checks) {
        Map<String, HealthCheck> byCode = new java.util.HashMap<>();
        for (HealthCheck check : checks) {
            byCode.put(check.code(), check);
        }
        return new HealthReport(status, byCode, List.of());
    }

    static HealthCheck check(String code, String severity, String summary) {
        return new HealthCheck(code, severity, summary, List.of(), 1, false);
    }

    static QuorumStatus quorum(List<String> names, String leader) {
        return new QuorumStatus(7, List.of(), names, Optional.of(leader), Optional.empty());
    }

    static PgSummary placementGroups(Map<String, Long> countsByState) {
        return new PgSummary(Map.of(), Map.of(), countsByState, countsByState.toString());
    }

    static ClusterSnapshot with(ClusterSnapshot s, HealthReport health) {
        return FixtureSnapshots.edit(s).health(Optional.of(part(health))).build();
    }

    static ClusterSnapshot with(ClusterSnapshot s, QuorumStatus quorum) {
        return FixtureSnapshots.edit(s).quorum(Optional.of(part(quorum))).build();
    }

    static ClusterSnapshot with(ClusterSnapshot s, PgSummary summary) {
        return FixtureSnapshots.edit(s).pgSummary(Optional.of(part(summary))).build();
    }

    static ClusterSnapshot updatedAt(ClusterSnapshot s, Instant updateTime) {
        return FixtureSnapshots.edit(s).updateTime(updateTime).build();
    }

    /** The snapshot before any part was fetched, as a monitor starts. */
    static ClusterSnapshot unreached(ClusterSnapshot s) {
        return ClusterSnapshot.unreached(s.fsid(), s.name(), s.updateTime(), "not contacted yet");
    }

    private static <T> Part<T> part(T value) {
        return new Part<>(value, 2, FixtureSnapshots.FETCHED);
    }
}
