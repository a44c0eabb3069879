package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.command.CommandDescriptions;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.rados.CommandResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's own parsers read everything the simulator says. */
class SimulatorParsersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final SimulatedCluster cluster = SimulatedCluster.build(SimulatedClusterTest.FORTY_OSDS.withRacks(3));
    private final SimulatedRadosClient client = new SimulatedRadosClient(cluster);

    @Test
    void status() {
        var status = CephCommands.status().run(client, TIMEOUT);
        assertThat(status.fsid()).isEqualTo(cluster.fsid());
        assertThat(status.health().status()).isEqualTo("HEALTH_OK");
        assertThat(status.quorumNames()).containsExactly("a", "b", "c");
        assertThat(status.osdMapEpoch()).isEqualTo(cluster.osdMapEpoch());
        assertThat(status.osdCount()).isEqualTo(40);
        assertThat(status.placementGroupCount()).isEqualTo(512);
        assertThat(status.bytesUsed()).isPositive().isLessThan(status.bytesTotal());
    }

    @Test
    void osd_map_tree_and_crush_map() {
        var map = CephCommands.osdDump().run(client, TIMEOUT);
        assertThat(map.epoch()).isEqualTo(cluster.osdMapEpoch());
        assertThat(map.flags()).contains("sortbitwise");
        var tree = CephCommands.osdTree(map.epoch()).run(client, TIMEOUT);
        assertThat(tree.nodes()).hasSize(1 + 3 + 10 + 40);
        var crush = CephCommands.crushDump().run(client, TIMEOUT);
        assertThat(crush.devices()).hasSize(40);
        assertThat(crush.buckets()).hasSize(2 * (1 + 3 + 10));
        assertThat(crush.rules()).hasSize(1);
        var metadata = CephCommands.osdMetadata().run(client, TIMEOUT);
        assertThat(metadata).hasSize(40);
        assertThat(metadata.get(5).fields()).containsEntry("hostname", "node1");
    }

    @Test
    void monitors_file_systems_and_health() {
        var mons = CephCommands.monDump().run(client, TIMEOUT);
        assertThat(mons.mons()).hasSize(3);
        var quorum = CephCommands.quorumStatus().run(client, TIMEOUT);
        assertThat(quorum.quorum()).containsExactly(0, 1, 2);
        assertThat(quorum.leaderName()).contains("a");
        assertThat(quorum.monMap()).isPresent();
        assertThat(CephCommands.fsDump().run(client, TIMEOUT).filesystems()).isEmpty();
        assertThat(CephCommands.healthDetail().run(client, TIMEOUT).checks()).isEmpty();
    }

    @Test
    void space_placement_groups_and_configuration() {
        var df = CephCommands.df().run(client, TIMEOUT);
        assertThat(df.pools()).hasSize(3);
        assertThat(df.totalBytes()).isEqualTo(40 * SimulatedCluster.OSD_BYTES);
        PgSummary pgs = CephCommands.placementGroups().run(client, TIMEOUT).summary();
        assertThat(pgs.all()).containsEntry("active+clean", 512L);
        assertThat(pgs.byOsd()).hasSize(40);
        assertThat(pgs.byPool()).containsOnlyKeys(1, 2, 3);
        Map<String, String> config = CephCommands.configShow("mon.b").run(client, TIMEOUT);
        assertThat(config).containsEntry("fsid", cluster.fsid()).containsEntry("name", "mon.b");
    }

    @Test
    void cluster_log() {
        var entries = CephCommands.logLast(100, ClusterLogLevel.INFO, "*").run(client, TIMEOUT);
        assertThat(entries)
                .hasSizeLessThanOrEqualTo(ClusterLog.KEPT_PER_CHANNEL)
                .isNotEmpty();
        assertThat(entries.get(entries.size() - 1).message()).isEqualTo("Cluster is now healthy");
        assertThat(CephCommands.logLast(3, ClusterLogLevel.INFO, "cluster").run(client, TIMEOUT))
                .hasSize(3);
        assertThat(CephCommands.logLast(3, ClusterLogLevel.WARN, "cluster").run(client, TIMEOUT))
                .isEmpty();
    }

    @Test
    void osd_stat_gives_the_epoch_requests_wait_for() {
        CommandResult result = client.monCommand(Map.of("prefix", "osd stat", "format", "json"), TIMEOUT);
        assertThat(result.outputText()).startsWith("{\"epoch\":" + cluster.osdMapEpoch() + ",");
    }

    @Test
    void command_descriptions_list_what_the_simulator_answers() {
        var monitors = CephCommands.commandDescriptions(Target.MON).run(client, TIMEOUT);
        var manager = CephCommands.commandDescriptions(Target.MGR).run(client, TIMEOUT);
        CommandDescriptions all = CommandDescriptions.of(monitors, manager);

        assertThat(all.commands()).hasSize(monitors.size());
        assertThat(manager).extracting(command -> command.target()).containsOnly(Target.MGR);
        assertThat(monitors)
                .filteredOn(command -> command.target() == Target.MGR)
                .hasSize(manager.size());
    }
}
