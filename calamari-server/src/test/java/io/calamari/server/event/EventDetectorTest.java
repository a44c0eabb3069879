package io.calamari.server.event;

import static io.calamari.server.event.SnapshotEdits.check;
import static io.calamari.server.event.SnapshotEdits.health;
import static io.calamari.server.event.SnapshotEdits.placementGroups;
import static io.calamari.server.event.SnapshotEdits.quorum;
import static io.calamari.server.event.SnapshotEdits.with;
import static io.calamari.server.event.SnapshotEdits.withFlags;
import static io.calamari.server.event.SnapshotEdits.withOsds;
import static io.calamari.server.event.SnapshotEdits.withPools;
import static io.calamari.server.event.SnapshotEdits.withState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.Osd;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EventDetectorTest {
    private static final Instant BEFORE = FixtureSnapshots.FETCHED;
    private static final Instant NOW = BEFORE.plusSeconds(10);
    private static final ClusterSnapshot HEALTHY = FixtureSnapshots.healthy();
    private static final String FSID = HEALTHY.fsid();

    private final EventDetector detector = new EventDetector(EventDetector.CALAMARI_CONTACT_THRESHOLD);

    @Test
    void firstSyncEmitsNothing() {
        assertThat(between(SnapshotEdits.unreached(HEALTHY), FixtureSnapshots.degraded()))
                .isEmpty();
        assertThat(between(FixtureSnapshots.withoutMons(HEALTHY), with(HEALTHY, quorum(List.of(), "a"))))
                .isEmpty();
    }

    @Test
    void identicalSnapshotsEmitNothing() {
        assertThat(between(HEALTHY, HEALTHY)).isEmpty();
        assertThat(between(FixtureSnapshots.degraded(), FixtureSnapshots.degraded()))
                .isEmpty();
    }

    @Test
    void recordedDegradationEmitsEveryChangeInOrder() {
        assertThat(between(HEALTHY, FixtureSnapshots.degraded()))
                .containsExactly(
                        cluster(Severity.ERROR, "Health of cluster 'ceph' degraded from HEALTH_OK to HEALTH_ERR"),
                        cluster(Severity.ERROR, "Health check MDS_ALL_DOWN raised: 1 filesystem is offline"),
                        cluster(
                                Severity.WARNING,
                                "Health check MDS_UP_LESS_THAN_MAX raised: 1 filesystem is online with fewer MDS"
                                        + " than max_mds"),
                        cluster(
                                Severity.WARNING,
                                "Health check OSDMAP_FLAGS raised: pauserd,pausewr,noout flag(s) set"),
                        osd(Severity.WARNING, "OSD ceph.1 marked out (on node1)", "node1", 1),
                        pool("pool ceph.2 added to cluster ceph", 2),
                        pool("pool ceph.3 added to cluster ceph", 3),
                        pool("pool ceph.4 added to cluster ceph", 4),
                        pool("pool ceph.5 added to cluster ceph", 5),
                        pool("pool ceph.6 added to cluster ceph", 6),
                        pool("pool ceph.7 added to cluster ceph", 7),
                        cluster(Severity.WARNING, "Flag pause set on cluster 'ceph'"),
                        cluster(Severity.WARNING, "Flag noout set on cluster 'ceph'"),
                        cluster(Severity.WARNING, "4 PGs inactive in cluster 'ceph'"));
    }

    @Test
    void osdWentDownAndCameUp() {
        ClusterSnapshot down = withOsds(HEALTHY, editOsd(1, osd -> withState(osd, false, true)));

        assertThat(between(HEALTHY, down))
                .containsExactly(osd(Severity.WARNING, "OSD ceph.1 went down (on node1)", "node1", 1));
        assertThat(between(down, HEALTHY))
                .containsExactly(osd(Severity.RECOVERY, "OSD ceph.1 came up (on node1)", "node1", 1));
    }

    @Test
    void osdAddedToAndRemovedFromTheMap() {
        ClusterSnapshot withoutTwo = withOsds(
                HEALTHY, osds -> osds.stream().filter(osd -> osd.id() != 2).toList());

        assertThat(between(withoutTwo, HEALTHY))
                .containsExactly(osd(Severity.INFO, "OSD ceph.2 (on node2) added to the cluster map", "node2", 2));
        assertThat(between(HEALTHY, withoutTwo))
                .containsExactly(osd(Severity.INFO, "OSD ceph.2 (on node2) removed from the cluster map", "node2", 2));
    }

    @Test
    void osdMarkedOutAndIn() {
        ClusterSnapshot out = withOsds(HEALTHY, editOsd(0, osd -> withState(osd, true, false)));

        assertThat(between(HEALTHY, out))
                .containsExactly(osd(Severity.WARNING, "OSD ceph.0 marked out (on node0)", "node0", 0));
        assertThat(between(out, HEALTHY))
                .containsExactly(osd(Severity.RECOVERY, "OSD ceph.0 marked in (on node0)", "node0", 0));
    }

    @Test
    void poolAddedRemovedAndRenamed() {
        ClusterSnapshot noPools = withPools(HEALTHY, pools -> List.of());
        ClusterSnapshot renamed = withPools(
                HEALTHY,
                pools -> pools.stream()
                        .map(pool -> SnapshotEdits.renamed(pool, "health"))
                        .toList());

        assertThat(between(noPools, HEALTHY)).containsExactly(pool("pool ceph.1 added to cluster ceph", 1));
        assertThat(between(HEALTHY, noPools)).containsExactly(pool("pool ceph.1 removed from cluster ceph", 1));
        assertThat(between(HEALTHY, renamed))
                .containsExactly(pool("pool ceph.1 renamed from 'device_health_metrics' to 'health'", 1));
    }

    @Test
    void calamariFlagsSetAndUnsetButNotOtherFlags() {
        ClusterSnapshot flagged = withFlags(HEALTHY, Set.of("noout", "nodeep-scrub", "pauserd"), Set.of());
        ClusterSnapshot unflagged = withFlags(HEALTHY, Set.of(), Set.of("sortbitwise"));

        assertThat(between(HEALTHY, flagged))
                .containsExactly(
                        cluster(Severity.WARNING, "Flag noout set on cluster 'ceph'"),
                        cluster(Severity.WARNING, "Flag nodeep-scrub set on cluster 'ceph'"));
        assertThat(between(flagged, HEALTHY))
                .containsExactly(
                        cluster(Severity.RECOVERY, "Flag noout unset on cluster 'ceph'"),
                        cluster(Severity.RECOVERY, "Flag nodeep-scrub unset on cluster 'ceph'"));
        assertThat(between(HEALTHY, unflagged)).isEmpty();
    }

    @Test
    void healthDegradedWithTheNewStatusSeverityAndRecovered() {
        ClusterSnapshot warn = with(HEALTHY, health("HEALTH_WARN"));
        ClusterSnapshot error = with(HEALTHY, health("HEALTH_ERR"));

        assertThat(between(HEALTHY, warn))
                .containsExactly(
                        cluster(Severity.WARNING, "Health of cluster 'ceph' degraded from HEALTH_OK to HEALTH_WARN"));
        assertThat(between(warn, error))
                .containsExactly(
                        cluster(Severity.ERROR, "Health of cluster 'ceph' degraded from HEALTH_WARN to HEALTH_ERR"));
        assertThat(between(error, warn))
                .containsExactly(cluster(
                        Severity.RECOVERY, "Health of cluster 'ceph' recovered from HEALTH_ERR to HEALTH_WARN"));
        assertThat(between(warn, HEALTHY))
                .containsExactly(
                        cluster(Severity.RECOVERY, "Health of cluster 'ceph' recovered from HEALTH_WARN to HEALTH_OK"));
    }

    @Test
    void healthChecksRaisedWithTheirSeverityAndCleared() {
        ClusterSnapshot before = with(HEALTHY, health("HEALTH_WARN", check("OSD_DOWN", "HEALTH_WARN", "1 osds down")));
        ClusterSnapshot after = with(
                HEALTHY,
                health(
                        "HEALTH_WARN",
                        check("OSD_DOWN", "HEALTH_WARN", "2 osds down"),
                        check("PG_AVAILABILITY", "HEALTH_ERR", "Reduced data availability: 4 pgs inactive"),
                        check("MON_DOWN", "HEALTH_WARN", "1/3 mons down")));

        assertThat(between(before, after))
                .containsExactly(
                        cluster(Severity.WARNING, "Health check MON_DOWN raised: 1/3 mons down"),
                        cluster(
                                Severity.ERROR,
                                "Health check PG_AVAILABILITY raised: Reduced data availability: 4 pgs inactive"));
        assertThat(between(after, before))
                .containsExactly(
                        cluster(Severity.RECOVERY, "Health check MON_DOWN cleared"),
                        cluster(Severity.RECOVERY, "Health check PG_AVAILABILITY cleared"));
    }

    @Test
    void monsJoinAndLeaveQuorumAndTheLeaderChanges() {
        ClusterSnapshot all = with(HEALTHY, quorum(List.of("a", "b", "c"), "a"));
        ClusterSnapshot withoutA = with(HEALTHY, quorum(List.of("b", "c"), "b"));

        assertThat(between(all, withoutA))
                .containsExactly(
                        mon(Severity.WARNING, "Mon 'ceph.a' left quorum (on a)", "a"),
                        mon(Severity.INFO, "Mon 'ceph.b' now quorum leader (on b)", "b"));
        assertThat(between(withoutA, all))
                .containsExactly(
                        mon(Severity.RECOVERY, "Mon 'ceph.a' joined quorum (on a)", "a"),
                        mon(Severity.INFO, "Mon 'ceph.a' now quorum leader (on a)", "a"));
    }

    @Test
    void placementGroupsInactiveAggregatedPerClusterAndActiveAgain() {
        ClusterSnapshot clean = with(HEALTHY, placementGroups(Map.of("active+clean", 10L)));
        ClusterSnapshot inactive =
                with(HEALTHY, placementGroups(Map.of("active+clean", 5L, "peering", 3L, "unknown", 2L)));
        ClusterSnapshot lessInactive = with(HEALTHY, placementGroups(Map.of("active+clean", 9L, "peering", 1L)));

        assertThat(between(clean, inactive))
                .containsExactly(cluster(Severity.WARNING, "5 PGs inactive in cluster 'ceph'"));
        assertThat(between(inactive, lessInactive)).isEmpty();
        assertThat(between(lessInactive, clean))
                .containsExactly(cluster(Severity.RECOVERY, "All PGs active in cluster 'ceph'"));
    }

    @Test
    void placementGroupsDegradedAndRecovered() {
        ClusterSnapshot clean = with(HEALTHY, placementGroups(Map.of("active+clean", 10L)));
        ClusterSnapshot degraded = with(
                HEALTHY,
                placementGroups(Map.of("active+clean", 9L, "active+undersized+degraded", 1L, "active+undersized", 2L)));

        assertThat(between(clean, degraded))
                .containsExactly(cluster(Severity.WARNING, "1 PG degraded in cluster 'ceph'"));
        assertThat(between(degraded, clean))
                .containsExactly(cluster(Severity.RECOVERY, "No PGs degraded in cluster 'ceph'"));
    }

    @Test
    void clusterLateReportingPastTheThresholdAndRegainingContact() {
        Instant late = BEFORE.plus(Duration.ofSeconds(61));
        ClusterSnapshot stale = HEALTHY.unreachable("timed out");
        ClusterSnapshot fresh = SnapshotEdits.updatedAt(HEALTHY, late);

        assertThat(detector.between(HEALTHY, BEFORE.plusSeconds(60), stale, late))
                .containsExactly(cluster(Severity.WARNING, "Cluster 'ceph' is late reporting in", late));
        assertThat(detector.between(stale, late, stale, late.plusSeconds(10))).isEmpty();
        assertThat(detector.between(stale, late, fresh, late))
                .containsExactly(cluster(Severity.RECOVERY, "Cluster 'ceph' regained contact", late));
    }

    @Test
    void theThresholdIsAParameter() {
        EventDetector impatient = new EventDetector(Duration.ofSeconds(5));

        assertThat(impatient.between(HEALTHY, BEFORE, HEALTHY, NOW))
                .containsExactly(cluster(Severity.WARNING, "Cluster 'ceph' is late reporting in"));
        assertThat(detector.between(HEALTHY, BEFORE, HEALTHY, NOW)).isEmpty();
    }

    @Test
    void snapshotsOfDifferentClustersAreRefused() {
        assertThatThrownBy(() -> between(HEALTHY, FixtureSnapshots.withFsid(HEALTHY, "other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    private List<Event> between(ClusterSnapshot previous, ClusterSnapshot next) {
        return detector.between(previous, BEFORE, next, NOW);
    }

    private static UnaryOperator<List<Osd>> editOsd(int id, UnaryOperator<Osd> edit) {
        return osds ->
                osds.stream().map(osd -> osd.id() == id ? edit.apply(osd) : osd).toList();
    }

    private static Event cluster(Severity severity, String message) {
        return cluster(severity, message, NOW);
    }

    private static Event cluster(Severity severity, String message, Instant when) {
        return Event.cluster(when, severity, message, FSID);
    }

    private static Event osd(Severity severity, String message, String host, int id) {
        return Event.service(NOW, severity, message, FSID, Optional.of(host), "osd", Integer.toString(id));
    }

    private static Event pool(String message, int id) {
        return Event.service(NOW, Severity.INFO, message, FSID, Optional.empty(), "pool", Integer.toString(id));
    }

    /** A mon event, on the server named after the mon as the inventory names it. */
    private static Event mon(Severity severity, String message, String name) {
        return Event.service(NOW, severity, message, FSID, Optional.of(name), "mon", name);
    }
}
