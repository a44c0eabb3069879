package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.rados.CommandResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final SimulatorSpec FORTY_OSDS = new SimulatorSpec(0, 10, 4, 3, 512, 3, 42);

    /**
     * Every read command the simulator answers, as the server sends it, for a cluster at OSD map
     * {@code osdMapEpoch}: the monitor's, {@code pg ls} (of the unclean PGs, as the monitor asks,
     * and of the active ones, which lists every entry's shape), {@code osd pool stats}, {@code osd
     * perf} and the log.
     */
    static List<Map<String, Object>> monitoringCommands(int osdMapEpoch) {
        return List.of(
                CephCommands.status().arguments(),
                CephCommands.osdDump().arguments(),
                CephCommands.osdTree(osdMapEpoch).arguments(),
                CephCommands.crushDump().arguments(),
                CephCommands.osdMetadata().arguments(),
                CephCommands.monDump().arguments(),
                CephCommands.quorumStatus().arguments(),
                CephCommands.fsDump().arguments(),
                CephCommands.healthDetail().arguments(),
                CephCommands.df().arguments(),
                CephCommands.placementGroups().arguments(),
                CephCommands.uncleanPlacementGroups().arguments(),
                Map.of("prefix", "pg ls", "states", List.of("active"), "format", "json"),
                CephCommands.configShow("mon.a").arguments(),
                Map.of("prefix", "osd stat", "format", "json"),
                Map.of("prefix", "osd pool stats", "format", "json"),
                CephCommands.osdPerf().arguments(),
                Map.of("prefix", "log last", "num", 50, "level", "debug", "channel", "*", "format", "json"),
                Map.of("prefix", "get_command_descriptions"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, -7})
    void the_same_spec_gives_byte_identical_answers(long seed) {
        SimulatorSpec spec = FORTY_OSDS.withSeed(seed).withRacks(2);
        SimulatedRadosClient first = new SimulatedRadosClient(SimulatedCluster.build(spec));
        SimulatedRadosClient second = new SimulatedRadosClient(SimulatedCluster.build(spec));
        for (Map<String, Object> command :
                monitoringCommands(SimulatedCluster.build(spec).osdMapEpoch())) {
            assertThat(first.monCommand(command, TIMEOUT))
                    .as("seed %d, %s", seed, command)
                    .isEqualTo(second.monCommand(command, TIMEOUT));
        }
    }

    @Test
    void another_seed_gives_another_cluster() {
        assertThat(SimulatedCluster.build(FORTY_OSDS).fsid())
                .isNotEqualTo(SimulatedCluster.build(FORTY_OSDS.withSeed(43)).fsid());
        assertThat(osdDump(SimulatedCluster.build(FORTY_OSDS)))
                .isNotEqualTo(osdDump(SimulatedCluster.build(FORTY_OSDS.withSeed(43))));
    }

    private static String osdDump(SimulatedCluster cluster) {
        return new SimulatedRadosClient(cluster)
                .monCommand(CephCommands.osdDump().arguments(), TIMEOUT)
                .outputText();
    }

    @Test
    void the_cluster_has_the_size_of_its_spec() {
        SimulatedCluster cluster = SimulatedCluster.build(FORTY_OSDS);
        OsdMap map = CephCommands.osdDump().run(new SimulatedRadosClient(cluster), TIMEOUT);

        assertThat(map.osds()).hasSize(40).allMatch(osd -> osd.up() && osd.in());
        assertThat(map.pools())
                .extracting(pool -> pool.name())
                .containsExactly("device_health_metrics", "rbd", "volumes");
        assertThat(map.pools().stream()
                        .mapToInt(pool -> pool.placementGroupCount())
                        .sum())
                .isEqualTo(512);
        assertThat(map.pools()).allMatch(pool -> pool.size() == 3 && pool.minSize() == 2);
        assertThat(cluster.placementGroupCount()).isEqualTo(512);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void no_placement_group_has_two_copies_on_one_host(long seed) {
        SimulatedCluster cluster = SimulatedCluster.build(FORTY_OSDS.withSeed(seed));
        int[] copiesPerOsd = new int[cluster.osdCount()];
        for (SimulatedPool pool : cluster.pools()) {
            for (int pg = 0; pg < pool.pgNum(); pg++) {
                Set<Integer> hosts = new HashSet<>();
                for (int copy = 0; copy < pool.copies(); copy++) {
                    int osd = cluster.placementGroupOsd(pool, pg, copy);
                    copiesPerOsd[osd]++;
                    assertThat(hosts.add(cluster.hostOf(osd)))
                            .as("seed %d, pool %d, pg %d", seed, pool.id(), pg)
                            .isTrue();
                }
            }
        }
        // 1536 copies over 40 OSDs: 38.4 on average; a hash placement stays well within a factor two.
        assertThat(java.util.Arrays.stream(copiesPerOsd).boxed()).allMatch(count -> count > 15 && count < 70);
    }

    @Test
    void a_spec_is_checked_and_has_an_odd_number_of_mons_by_default() {
        assertThat(SimulatorSpec.of(1000, 10, 8, 1_000_000).mons()).isEqualTo(5);
        assertThat(SimulatorSpec.of(3, 1, 1, 1).mons()).isEqualTo(3);
        assertThat(SimulatorSpec.of(2, 1, 1, 1).mons()).isEqualTo(1);
        assertThat(SimulatorSpec.of(1000, 10, 8, 1_000_000).osds()).isEqualTo(10_000);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SimulatorSpec.of(3, 1, 4, 3))
                .withMessage("placementGroups must be at least 4, was 3");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new SimulatorSpec(4, 3, 1, 1, 1, 1, 1));
    }

    @Test
    void fewer_hosts_than_copies_keep_one_copy_per_host() {
        SimulatedCluster cluster = SimulatedCluster.build(new SimulatorSpec(0, 2, 3, 2, 64, 1, 9));
        assertThat(cluster.replicas()).isEqualTo(2);
        for (SimulatedPool pool : cluster.pools()) {
            for (int pg = 0; pg < pool.pgNum(); pg++) {
                assertThat(cluster.hostOf(cluster.placementGroupOsd(pool, pg, 0)))
                        .isNotEqualTo(cluster.hostOf(cluster.placementGroupOsd(pool, pg, 1)));
            }
        }
    }

    @Test
    void a_down_osd_bumps_the_epoch_and_degrades_its_placement_groups() {
        SimulatedCluster cluster = SimulatedCluster.build(FORTY_OSDS);
        SimulatedRadosClient client = new SimulatedRadosClient(cluster);
        int epoch = cluster.osdMapEpoch();

        cluster.setOsdUp(7, false);

        assertThat(cluster.osdMapEpoch()).isEqualTo(epoch + 1);
        var health = CephCommands.healthDetail().run(client, TIMEOUT);
        assertThat(health.status()).isEqualTo("HEALTH_WARN");
        assertThat(health.checks()).containsKeys("OSD_DOWN", "PG_DEGRADED");
        var status = CephCommands.status().run(client, TIMEOUT);
        assertThat(status.upOsdCount()).isEqualTo(39);
        assertThat(status.pgsByState())
                .extracting(state -> state.state())
                .contains("active+clean", "active+undersized+degraded");
    }

    @Test
    void unknown_commands_are_refused_as_ceph_refuses_them() {
        SimulatedRadosClient client = new SimulatedRadosClient(SimulatedCluster.build(FORTY_OSDS));
        Map<String, Object> unknown = new LinkedHashMap<>(Map.of("prefix", "no such thing", "format", "json"));

        assertThat(client.monCommand(unknown, TIMEOUT))
                .isEqualTo(new CommandResult(-22, new byte[0], "command not known"));
        assertThat(client.mgrCommand(unknown, TIMEOUT))
                .isEqualTo(new CommandResult(-22, new byte[0], "No handler found for 'no such thing'"));
        assertThat(client.mgrCommand(CephCommands.osdDump().arguments(), TIMEOUT)
                        .returnCode())
                .isEqualTo(-22);
        assertThat(client.monCommand(CephCommands.osdTree(9999).arguments(), TIMEOUT)
                        .status())
                .isEqualTo("there is no map for epoch 9999");
        assertThat(client.mgrCommand(CephCommands.configShow("mon.zz").arguments(), TIMEOUT)
                        .returnCode())
                .isEqualTo(-2);
        assertThat(client.monCommand(CephCommands.compiledCrushMap(1).arguments(), TIMEOUT)
                        .errorText())
                .startsWith("Error EOPNOTSUPP");
    }
}
