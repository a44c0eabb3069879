package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.simulator.SimulatedCluster;
import io.calamari.simulator.SimulatedRadosClient;
import io.calamari.simulator.SimulatorSpec;
import io.calamari.testkit.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The monitor builds a whole snapshot from a simulated cluster, as it does from a real one. */
class SimulatedClusterMonitorTest {
    @Test
    void aSimulatedClusterGivesACompleteSnapshot() {
        SimulatedCluster cluster = SimulatedCluster.build(new SimulatorSpec(2, 10, 4, 3, 512, 3, 42));
        ClusterMonitor monitor = new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.empty(),
                connection -> new SimulatedRadosClient(cluster),
                MutableClock.atFixedStart(),
                MonitorSettings.defaults(),
                (previous, next) -> {});

        monitor.poll();

        ClusterSnapshot snapshot = monitor.current().orElseThrow();
        assertThat(snapshot.reachable()).isTrue();
        assertThat(snapshot.fsid()).isEqualTo(cluster.fsid());
        OsdMapPart osdMap = snapshot.requireOsdMap();
        assertThat(osdMap.map().osds()).hasSize(40);
        assertThat(osdMap.metadata()).hasSize(40);
        assertThat(osdMap.tree().nodes()).hasSize(1 + 2 + 10 + 40);
        assertThat(osdMap.compiledCrush())
                .as("the simulator has no compiled CRUSH map")
                .isEmpty();
        assertThat(snapshot.monMap().orElseThrow().value().mons()).hasSize(3);
        assertThat(snapshot.quorum()).isPresent();
        assertThat(snapshot.fsMap()).isPresent();
        assertThat(snapshot.health().orElseThrow().value().status()).isEqualTo("HEALTH_OK");
        assertThat(snapshot.df().orElseThrow().value().pools()).hasSize(3);
        assertThat(snapshot.pgSummary().orElseThrow().value().all()).containsEntry("active+clean", 512L);
        assertThat(snapshot.config().orElseThrow().value()).containsEntry("fsid", cluster.fsid());
    }

    @Test
    void eachRoundIsTimedByTheCostliestPartItFetched() {
        SimulatedCluster cluster = SimulatedCluster.build(SimulatorSpec.of(4, 2, 2, 64));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RefreshTimer timer = new RefreshTimer(registry);
        ClusterMonitor monitor = new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.empty(),
                connection -> new SimulatedRadosClient(cluster),
                MutableClock.atFixedStart(),
                MonitorSettings.defaults(),
                timer);

        monitor.poll();
        monitor.poll();
        try (SimulatedRadosClient client = new SimulatedRadosClient(cluster)) {
            assertThat(client.monCommand(Map.of("prefix", "osd set", "key", "noout"), Duration.ofSeconds(1))
                            .returnCode())
                    .isZero();
        }
        monitor.poll();

        assertThat(count(registry, cluster, "osd_map")).isEqualTo(2);
        assertThat(count(registry, cluster, "status")).isEqualTo(1);
        assertThat(count(registry, cluster, "pg_summary")).isZero();
    }

    private static long count(SimpleMeterRegistry registry, SimulatedCluster cluster, String fetched) {
        Timer timer = registry.find("calamari.cluster.refresh")
                .tags("fsid", cluster.fsid(), "fetched", fetched)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aPgStateChangeWithinOneOsdMapEpochIsReadFromPgLsAndAgreesWithTheWholeDump() {
        MutableClock clock = MutableClock.atFixedStart();
        SimulatedCluster cluster = SimulatedCluster.build(SimulatorSpec.of(6, 4, 3, 256), clock);
        SimulatedRadosClient client = new SimulatedRadosClient(cluster);
        RecordingRadosClient recording = new RecordingRadosClient(client);
        ClusterMonitor monitor = new ClusterMonitor(
                "ceph",
                ClusterConnection.admin(Path.of("ceph.conf")),
                Optional.empty(),
                connection -> recording,
                clock,
                MonitorSettings.defaults(),
                (previous, next) -> {});
        monitor.poll();
        long epoch = monitor.current().orElseThrow().requireOsdMap().map().epoch();

        assertThat(client.mgrCommand(Map.of("prefix", "osd deep-scrub", "who", "all"), Duration.ofSeconds(1))
                        .returnCode())
                .isZero();
        clock.advance(MonitorSettings.defaults().pgSummaryMinimumInterval());
        recording.clear();
        monitor.poll();

        ClusterSnapshot snapshot = monitor.current().orElseThrow();
        assertThat(snapshot.requireOsdMap().map().epoch()).as("no new OSD map").isEqualTo(epoch);
        assertThat(recording.prefixes()).contains("pg ls").doesNotContain("pg dump");
        PgSummary fromPgLs = snapshot.pgSummary().orElseThrow().value();
        assertThat(fromPgLs.all()).containsKey("active+clean+scrubbing+deep");
        assertThat(fromPgLs)
                .isEqualTo(CephCommands.placementGroups()
                        .run(client, Duration.ofSeconds(1))
                        .summary());
    }
}
