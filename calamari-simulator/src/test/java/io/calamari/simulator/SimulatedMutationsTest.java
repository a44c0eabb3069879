package io.calamari.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.command.CephCommands;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.Pool;
import io.calamari.ceph.rados.CommandResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The management commands the server's requests send: each accepted change makes exactly one new
 * OSD map and shows in the read answers; refusals carry Pacific's errno and words and change
 * nothing.
 */
class SimulatedMutationsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SimulatedCluster cluster = SimulatedCluster.build(SimulatedClusterTest.FORTY_OSDS);
    private final SimulatedRadosClient client = new SimulatedRadosClient(cluster);

    private CommandResult mon(String prefix, Object... keysAndValues) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("prefix", prefix);
        for (int index = 0; index < keysAndValues.length; index += 2) {
            command.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return client.monCommand(command, TIMEOUT);
    }

    private OsdMap osdMap() {
        return CephCommands.osdDump().run(client, TIMEOUT);
    }

    private Pool pool(String name) {
        return osdMap().pools().stream()
                .filter(pool -> pool.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String pgDump() {
        return client.mgrCommand(Map.of("prefix", "pg dump", "dumpcontents", List.of("pgs_brief")), TIMEOUT)
                .outputText();
    }

    /** Runs {@code prefix} and checks its answer and that it made exactly {@code newMaps} OSD maps. */
    private CommandResult expect(int newMaps, int returnCode, String prefix, Object... keysAndValues) {
        int before = cluster.osdMapEpoch();
        CommandResult result = mon(prefix, keysAndValues);
        assertThat(result.returnCode()).as("%s: %s", prefix, result.status()).isEqualTo(returnCode);
        assertThat(cluster.osdMapEpoch()).as(prefix).isEqualTo(before + newMaps);
        return result;
    }

    @Test
    void flags_are_set_and_unset_with_one_map_each_and_raise_osdmap_flags() {
        assertThat(expect(1, 0, "osd set", "key", "noout").status()).isEqualTo("noout is set");
        expect(1, 0, "osd set", "key", "pause");

        assertThat(osdMap().flags()).contains("noout", "pauserd", "pausewr", "pause", "sortbitwise");
        var health = CephCommands.healthDetail().run(client, TIMEOUT);
        assertThat(health.checks().get("OSDMAP_FLAGS").summary()).isEqualTo("pauserd,pausewr,noout flag(s) set");

        assertThat(expect(1, 0, "osd unset", "key", "noout").status()).isEqualTo("noout is unset");
        expect(0, -22, "osd set", "key", "sortbitwise-not");
        expect(0, -22, "osd unset", "key", "pglog_hardlimit");
        assertThat(osdMap().flags()).doesNotContain("noout").contains("pauserd");
    }

    @Test
    void osds_go_out_in_down_and_are_reweighted() {
        assertThat(expect(1, 0, "osd out", "ids", List.of("1")).status()).isEqualTo("marked out osd.1. ");
        assertThat(osdMap().osds().get(1).in()).isFalse();
        assertThat(osdMap().osds().get(1).weight()).isZero();
        assertThat(expect(0, 0, "osd out", "ids", List.of("1")).status()).isEqualTo("osd.1 is already out. ");
        expect(1, 0, "osd in", "ids", List.of("osd.1"));
        assertThat(osdMap().osds().get(1).in()).isTrue();

        assertThat(expect(1, 0, "osd reweight", "id", 2, "weight", 0.5).status())
                .isEqualTo("reweighted osd.2 to 0.5 (8000)");
        assertThat(osdMap().osds().get(2).weight()).isEqualTo(0.5);
        expect(0, -22, "osd reweight", "id", 2, "weight", 1.5);
        expect(0, -2, "osd reweight", "id", 99, "weight", 0.5);
        expect(0, -2, "osd out", "ids", List.of("99"));

        int epoch = cluster.osdMapEpoch();
        expect(1, 0, "osd down", "ids", List.of("3", "4"));
        assertThat(osdMap().osds().get(3).up()).isFalse();
        assertThat(osdMap().osds().get(4).downAt()).isEqualTo(epoch + 1);
        assertThat(CephCommands.healthDetail().run(client, TIMEOUT).checks()).containsKey("OSD_DOWN");
    }

    @Test
    void scrubs_are_manager_commands_that_change_no_map() {
        int epoch = cluster.osdMapEpoch();
        for (String operation : List.of("scrub", "deep-scrub", "repair")) {
            CommandResult result = client.mgrCommand(Map.of("prefix", "osd " + operation, "who", "0"), TIMEOUT);
            assertThat(result.status()).isEqualTo("instructed osd(s) 0 to " + operation);
        }
        cluster.setOsdUp(5, false);
        assertThat(client.mgrCommand(Map.of("prefix", "osd scrub", "who", "5"), TIMEOUT)
                        .returnCode())
                .isEqualTo(-11);
        assertThat(cluster.osdMapEpoch()).isEqualTo(epoch + 1);
    }

    @Test
    void a_created_pool_has_active_placement_groups_and_its_settings() {
        int pgsBefore = cluster.placementGroupCount();
        assertThat(expect(
                                1,
                                0,
                                "osd pool create",
                                "pool",
                                "new",
                                "pg_num",
                                32,
                                "pool_type",
                                "replicated",
                                "autoscale_mode",
                                "off")
                        .status())
                .isEqualTo("pool 'new' created");
        assertThat(expect(0, 0, "osd pool create", "pool", "new", "pg_num", 32).status())
                .isEqualTo("pool 'new' already exists");
        expect(1, 0, "osd pool set", "pool", "new", "var", "size", "val", "2");
        expect(1, 0, "osd pool set", "pool", "new", "var", "min_size", "val", "1");
        expect(1, 0, "osd pool set-quota", "pool", "new", "field", "max_objects", "val", "1000");
        expect(1, 0, "osd pool application enable", "pool", "new", "app", "rbd", "yes_i_really_mean_it", true);
        expect(1, 0, "osd pool set", "pool", "new", "var", "compression_mode", "val", "passive");
        expect(1, 0, "osd pool set", "pool", "new", "var", "hashpspool", "val", "false", "yes_i_really_mean_it", true);

        Pool pool = pool("new");
        assertThat(pool.id()).isEqualTo(4);
        assertThat(pool.placementGroupCount()).isEqualTo(32);
        assertThat(List.of(pool.size(), pool.minSize())).containsExactly(2, 1);
        assertThat(pool.quotaMaxObjects()).isEqualTo(1000);
        assertThat(pool.applications()).containsExactly("rbd");
        assertThat(pool.compressionMode()).isEqualTo("passive");
        assertThat(pool.autoscaleMode()).isEqualTo("off");
        assertThat(pool.flagNames()).doesNotContain("hashpspool");
        assertThat(cluster.placementGroupCount()).isEqualTo(pgsBefore + 32);
        assertThat(pgDump()).contains("\"4.1f\"").doesNotContain("\"4.20\"");
        assertThat(CephCommands.status().run(client, TIMEOUT).pgsByState())
                .extracting(state -> state.state())
                .containsExactly("active+clean");
    }

    @Test
    void an_erasure_coded_pool_takes_its_size_from_the_default_profile() {
        expect(
                1,
                0,
                "osd pool create",
                "pool",
                "ec",
                "pg_num",
                8,
                "pool_type",
                "erasure",
                "erasure_code_profile",
                "default");
        Pool pool = pool("ec");
        assertThat(List.of(pool.type(), pool.size(), pool.minSize())).containsExactly(3, 4, 3);
        assertThat(pool.erasureCodeProfile()).isEqualTo("default");
        expect(0, -22, "osd pool set", "pool", "ec", "var", "size", "val", "3");
        expect(0, -2, "osd pool create", "pool", "ec2", "pool_type", "erasure", "erasure_code_profile", "nope");
    }

    @Test
    void pg_num_grows_with_pgp_num_and_too_many_pgs_are_refused_with_erange() {
        expect(1, 0, "osd pool set", "pool", "volumes", "var", "pg_num", "val", "512");
        Pool pool = pool("volumes");
        assertThat(List.of(pool.placementGroupCount(), pool.placementGroupPlacementCount()))
                .containsExactly(512, 512);
        expect(0, -22, "osd pool set", "pool", "volumes", "var", "pgp_num", "val", "1024");

        // 40 OSDs × 250 = 10,000 PG copies; 4096 × 3 more is too many.
        CommandResult refused = expect(0, -34, "osd pool create", "pool", "big", "pg_num", 4096);
        assertThat(refused.status())
                .startsWith(" pg_num 4096 size 3 would mean ")
                .endsWith("total pgs, which exceeds max 10000 (mon_max_pg_per_osd 250 * num_in_osds 40)");
        assertThat(expect(0, -34, "osd pool set", "pool", "volumes", "var", "pg_num", "val", "4096")
                        .status())
                .startsWith("pool id 3 pg_num 4096 size 3");
        assertThat(osdMap().pools()).extracting(Pool::name).doesNotContain("big");
    }

    @Test
    void pools_are_renamed_and_deleted_as_pacific_allows() {
        expect(0, -2, "osd pool set", "pool", "nope", "var", "size", "val", "2");
        expect(0, -17, "osd pool rename", "srcpool", "volumes", "destpool", "rbd");
        assertThat(expect(1, 0, "osd pool rename", "srcpool", "volumes", "destpool", "vols")
                        .status())
                .isEqualTo("pool 'volumes' renamed to 'vols'");
        expect(0, 0, "osd pool rename", "srcpool", "volumes", "destpool", "vols");

        expect(0, -1, "osd pool delete", "pool", "vols", "pool2", "vols");
        cluster.setAllowPoolDelete(false);
        assertThat(expect(
                                0,
                                -1,
                                "osd pool delete",
                                "pool",
                                "vols",
                                "pool2",
                                "vols",
                                "yes_i_really_really_mean_it",
                                true)
                        .status())
                .startsWith("pool deletion is disabled");
        cluster.setAllowPoolDelete(true);
        int pgs = cluster.placementGroupCount();
        int vols = pool("vols").placementGroupCount();
        expect(1, 0, "osd pool delete", "pool", "vols", "pool2", "vols", "yes_i_really_really_mean_it", true);
        expect(0, 0, "osd pool delete", "pool", "vols", "pool2", "vols", "yes_i_really_really_mean_it", true);
        assertThat(osdMap().pools()).extracting(Pool::name).containsExactly("device_health_metrics", "rbd");
        assertThat(cluster.placementGroupCount()).isEqualTo(pgs - vols);
        assertThat(pgDump()).contains("\"2.0\"").doesNotContain("\"3.0\"");
    }

    @Test
    void a_compiled_crush_map_is_refused_as_one_ceph_cannot_decode() {
        int before = cluster.osdMapEpoch();
        CommandResult result = client.monCommand(Map.of("prefix", "osd setcrushmap"), new byte[] {1, 2}, TIMEOUT);
        assertThat(result.returnCode()).isEqualTo(-22);
        assertThat(result.status()).startsWith("Failed to parse crushmap");
        assertThat(cluster.osdMapEpoch()).isEqualTo(before);
    }

    private CrushMap crush() {
        return CephCommands.crushDump().run(client, TIMEOUT);
    }

    @Test
    void buckets_are_added_moved_renamed_and_removed() {
        int version = cluster.crushVersion();
        assertThat(expect(1, 0, "osd crush add-bucket", "name", "rack-a", "type", "rack")
                        .status())
                .isEqualTo("added bucket rack-a type rack to crush map");
        expect(0, 0, "osd crush add-bucket", "name", "rack-a", "type", "rack");
        expect(0, -22, "osd crush add-bucket", "name", "x", "type", "nosuchtype");
        int rack = crush().bucket("rack-a").orElseThrow().id();
        assertThat(crush().bucket("rack-a~hdd")).isPresent();

        int node0 = crush().bucket("node0").orElseThrow().id();
        expect(1, 0, "osd crush move", "name", "node0", "args", List.of("rack=rack-a"));
        expect(1, 0, "osd crush move", "name", "rack-a", "args", List.of("root=default"));
        OsdTree tree = CephCommands.osdTree(cluster.osdMapEpoch()).run(client, TIMEOUT);
        assertThat(tree.node(rack).orElseThrow().children()).containsExactly(node0);
        assertThat(tree.node(-1).orElseThrow().children()).contains(rack).doesNotContain(node0);
        assertThat(crush().bucket("rack-a").orElseThrow().weight())
                .isEqualTo(crush().bucket("node0").orElseThrow().weight());

        expect(1, 0, "osd crush rename-bucket", "srcname", "rack-a", "dstname", "rack-b");
        expect(0, -17, "osd crush rename-bucket", "srcname", "rack-b", "dstname", "node1");
        assertThat(expect(0, -39, "osd crush remove", "name", "rack-b").status())
                .contains("is not empty");

        expect(1, 0, "osd crush move", "name", "node0", "args", List.of("root=default"));
        expect(1, 0, "osd crush remove", "name", "rack-b");
        assertThat(crush().bucket("rack-b")).isEmpty();
        assertThat(cluster.crushVersion()).isEqualTo(version + 6);
    }

    @Test
    void an_osd_moves_under_another_host_keeping_its_weight_and_is_reweighted() {
        double weight = crush().bucket("node0").orElseThrow().items().get(0).weight();
        expect(1, 0, "osd crush add-bucket", "name", "spare", "type", "host");
        expect(1, 0, "osd crush create-or-move", "id", 0, "weight", 0.0, "args", List.of("host=spare"));
        assertThat(crush().bucket("spare").orElseThrow().items())
                .extracting(item -> item.id(), item -> item.weight())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, weight));
        assertThat(crush().bucket("node0").orElseThrow().items())
                .extracting(item -> item.id())
                .doesNotContain(0);

        expect(1, 0, "osd crush reweight", "name", "osd.0", "weight", 2.0);
        assertThat(crush().bucket("spare").orElseThrow().items().get(0).weight())
                .isEqualTo(2.0);
        expect(0, -2, "osd crush reweight", "name", "osd.99", "weight", 2.0);
        expect(1, 0, "osd crush unlink", "name", "osd.0", "ancestor", "spare");
        assertThat(CephCommands.osdTree(cluster.osdMapEpoch())
                        .run(client, TIMEOUT)
                        .stray())
                .extracting(node -> node.id())
                .containsExactly(0);
    }

    @Test
    void replicated_rules_are_created_renamed_used_and_removed() {
        expect(
                1,
                0,
                "osd crush rule create-replicated",
                "name",
                "fast",
                "root",
                "default",
                "type",
                "host",
                "class",
                "hdd");
        expect(0, 0, "osd crush rule create-replicated", "name", "fast", "root", "default", "type", "host");
        expect(0, -2, "osd crush rule create-replicated", "name", "x", "root", "nope", "type", "host");
        CrushRule rule = crush().rules().get(1);
        assertThat(List.of(rule.id(), rule.name())).containsExactly(1, "fast");
        assertThat(rule.steps().get(0).toString()).contains("default~hdd");

        expect(1, 0, "osd crush rule rename", "srcname", "fast", "dstname", "quick");
        expect(1, 0, "osd pool set", "pool", "rbd", "var", "crush_rule", "val", "quick");
        assertThat(pool("rbd").crushRule()).isEqualTo(1);
        assertThat(expect(0, -16, "osd crush rule rm", "name", "quick").status())
                .isEqualTo("crush ruleset quick 1 is in use");
        expect(1, 0, "osd pool set", "pool", "rbd", "var", "crush_rule", "val", "replicated_rule");
        expect(1, 0, "osd crush rule rm", "name", "quick");
        expect(0, 0, "osd crush rule rm", "name", "quick");
        assertThat(crush().rules()).extracting(CrushRule::name).containsExactly("replicated_rule");
    }
}
