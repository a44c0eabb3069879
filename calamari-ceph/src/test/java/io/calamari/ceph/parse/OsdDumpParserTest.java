package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.Pool;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OsdDumpParserTest {
    @Test
    void parsesHealthyCluster() {
        OsdMap map = OsdDumpParser.parse(Fixtures.bytes(HEALTHY, "osd-dump.json"));

        assertThat(map.epoch()).isEqualTo(14);
        assertThat(map.fsid()).isEqualTo("56bd728b-177f-4ec7-aa9b-9dbca4741b70");
        assertThat(map.flags()).contains("sortbitwise", "recovery_deletes").doesNotContain("pause", "noout");
        assertThat(map.osds()).extracting(Osd::id).containsExactly(0, 1, 2);
        assertThat(map.osds()).allMatch(osd -> osd.up() && osd.in() && osd.weight() == 1.0);
        Osd first = map.osd(0).orElseThrow();
        assertThat(first.uuid()).isEqualTo("f78ca58b-03d5-46f4-91d7-0506db090059");
        assertThat(first.publicAddress()).isEqualTo("127.0.0.1:6801/10186");
        assertThat(first.clusterAddress()).isEqualTo("127.0.0.1:6803/10186");
        assertThat(first.upFrom()).isEqualTo(5);
        assertThat(first.state()).containsExactly("exists", "up");

        Pool pool = map.pool(1).orElseThrow();
        assertThat(pool.name()).isEqualTo("device_health_metrics");
        assertThat(pool.size()).isEqualTo(2);
        assertThat(pool.minSize()).isEqualTo(1);
        assertThat(pool.placementGroupCount()).isEqualTo(1);
        assertThat(pool.placementGroupPlacementCount()).isEqualTo(1);
        assertThat(pool.crushRule()).isZero();
        assertThat(pool.typeName()).isEqualTo("replicated");
        assertThat(pool.hashpspool()).isTrue();
        assertThat(pool.full()).isFalse();
        assertThat(pool.applications()).containsExactly("mgr_devicehealth");
    }

    @Test
    void parsesDegradedClusterWithFlagsErasurePoolAndOutOsd() {
        OsdMap map = OsdDumpParser.parse(Fixtures.bytes(DEGRADED, "osd-dump.json"));

        assertThat(map.epoch()).isEqualTo(38);
        assertThat(map.flags()).contains("noout", "pauserd", "pausewr", "pause");
        assertThat(map.calamariFlags())
                .containsEntry("pause", true)
                .containsEntry("noout", true)
                .containsEntry("noup", false)
                .containsEntry("nodeep-scrub", false)
                .hasSize(9);
        Osd out = map.osd(1).orElseThrow();
        assertThat(out.up()).isTrue();
        assertThat(out.in()).isFalse();
        assertThat(out.weight()).isZero();

        assertThat(map.pools())
                .extracting(Pool::name)
                .containsExactly(
                        "device_health_metrics",
                        "testpool",
                        "ecpool",
                        "emptypool",
                        "extrapool",
                        "cephfs_metadata",
                        "cephfs_data");
        Pool erasure = map.pool(3).orElseThrow();
        assertThat(erasure.type()).isEqualTo(Pool.TYPE_ERASURE);
        assertThat(erasure.typeName()).isEqualTo("erasure");
        assertThat(erasure.erasureCodeProfile()).isEqualTo("ec21");
        assertThat(erasure.size()).isEqualTo(3);
        assertThat(erasure.minSize()).isEqualTo(2);
        assertThat(erasure.crushRule()).isEqualTo(1);
        assertThat(erasure.applications()).containsExactly("rgw");
        Pool quota = map.pool(2).orElseThrow();
        assertThat(quota.quotaMaxBytes()).isEqualTo(1_073_741_824L);
        assertThat(quota.quotaMaxObjects()).isEqualTo(1000);
        assertThat(quota.placementGroupCount()).isEqualTo(8);
        Pool creating = map.pool(4).orElseThrow();
        assertThat(creating.flags()).isEqualTo(32769);
        assertThat(creating.flagNames()).containsExactly("hashpspool", "creating");
        assertThat(creating.crushRule()).isEqualTo(2);
        assertThat(map.pool(6).orElseThrow().applications()).containsExactly("cephfs");
    }

    @Test
    void acceptsPreLuminousCrushRulesetAndFlagsWithoutFlagsSet() {
        var edited = Fixtures.edited(DEGRADED, "osd-dump.json", root -> {
            root.remove("flags_set");
            for (var pool : root.get("pools")) {
                ObjectNode object = (ObjectNode) pool;
                object.set("crush_ruleset", object.remove("crush_rule"));
            }
        });

        OsdMap map = OsdDumpParser.parse(edited);

        assertThat(map.pool(3).orElseThrow().crushRule()).isEqualTo(1);
        assertThat(map.pool(4).orElseThrow().crushRule()).isEqualTo(2);
        assertThat(map.flags()).contains("noout", "pause", "sortbitwise");
    }

    @Test
    void derivesLegacyAddressFromAddressVectorAndIgnoresUnknownFields() {
        var edited = Fixtures.edited(HEALTHY, "osd-dump.json", root -> {
            root.put("a_field_from_the_future", 42);
            ObjectNode osd = (ObjectNode) root.get("osds").get(0);
            osd.remove("public_addr");
            osd.remove("primary_affinity");
            osd.remove("up_from");
            osd.put("new_osd_field", "x");
            ObjectNode pool = (ObjectNode) root.get("pools").get(0);
            pool.remove("pg_placement_num");
            pool.remove("application_metadata");
        });

        OsdMap map = OsdDumpParser.parse(edited);

        Osd osd = map.osd(0).orElseThrow();
        assertThat(osd.publicAddress()).isEqualTo("127.0.0.1:6801/10186");
        assertThat(osd.primaryAffinity()).isEqualTo(1.0);
        assertThat(osd.upFrom()).isZero();
        Pool pool = map.pool(1).orElseThrow();
        assertThat(pool.placementGroupPlacementCount()).isEqualTo(pool.placementGroupCount());
        assertThat(pool.applications()).isEmpty();
    }

    @Test
    void rejectsDocumentWithoutEpochNamingCommandAndField() {
        var edited = Fixtures.edited(HEALTHY, "osd-dump.json", root -> root.remove("epoch"));

        assertThatThrownBy(() -> OsdDumpParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("osd dump")
                .hasMessageContaining("'epoch'")
                .extracting(e -> ((CephParseException) e).command())
                .isEqualTo("osd dump");
    }

    @Test
    void rejectsPoolWithoutPgNum() {
        var edited = Fixtures.edited(
                HEALTHY,
                "osd-dump.json",
                root -> ((ObjectNode) root.get("pools").get(0)).remove("pg_num"));

        assertThatThrownBy(() -> OsdDumpParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'pg_num'");
    }

    @Test
    void rejectsWrongShapesAndInvalidJson() {
        assertThatThrownBy(() -> OsdDumpParser.parse(Fixtures.parse("[1, 2]")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("osd dump");
        assertThatThrownBy(() -> OsdDumpParser.parse(Fixtures.parse("{\"epoch\": 3, \"osds\": {}}")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'osds'");
        assertThatThrownBy(() -> OsdDumpParser.parse("{\"epoch\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void poolListUsesPoolIdKey() {
        var pools = OsdPoolListParser.parse(Fixtures.bytes(DEGRADED, "osd-pool-ls-detail.json"));

        assertThat(pools).extracting(Pool::id).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(pools.get(2).erasureCodeProfile()).isEqualTo("ec21");
        assertThat(pools)
                .isEqualTo(OsdDumpParser.parse(Fixtures.bytes(DEGRADED, "osd-dump.json"))
                        .pools());
    }
}
