package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.CrushStep;
import io.calamari.ceph.model.CrushType;
import io.calamari.ceph.model.OsdTree;
import io.calamari.ceph.model.OsdTreeNode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CrushAndTreeParserTest {
    private static final double RAW_13 = 13 / 65536.0;

    @Test
    void crushWeightsAreFixedPointDividedBy65536() {
        CrushMap crush = CrushDumpParser.parse(Fixtures.bytes(HEALTHY, "osd-crush-dump.json"));

        CrushBucket root = crush.bucket("default").orElseThrow();
        assertThat(root.id()).isEqualTo(-1);
        assertThat(root.typeName()).isEqualTo("root");
        assertThat(root.typeId()).isEqualTo(11);
        assertThat(root.weight()).isCloseTo(39 / 65536.0, within(1e-12));
        assertThat(root.algorithm()).isEqualTo("straw2");
        assertThat(root.hash()).isEqualTo("rjenkins1");
        assertThat(root.items()).extracting(CrushItem::id).containsExactly(-3, -5, -7);
        assertThat(root.items().get(1).weight()).isCloseTo(RAW_13, within(1e-12));
        assertThat(root.items().get(1).position()).isEqualTo(1);
        assertThat(root.isShadow()).isFalse();
        assertThat(crush.bucket(-2).orElseThrow().isShadow()).isTrue();
        assertThat(crush.types()).hasSize(12).contains(new CrushType(1, "host"));
        assertThat(crush.devices()).hasSize(3);
        assertThat(crush.devices().get(0).deviceClass()).isEqualTo("hdd");
    }

    @Test
    void parsesRulesWithSteps() {
        CrushMap crush = CrushDumpParser.parse(Fixtures.bytes(DEGRADED, "osd-crush-dump.json"));

        assertThat(crush.rules())
                .extracting(CrushRule::name)
                .containsExactly("replicated_rule", "ecpool", "emptyrule", "extrarule");
        CrushRule erasure = crush.rule(1).orElseThrow();
        assertThat(erasure.typeName()).isEqualTo("erasure");
        assertThat(erasure.ruleset()).isEqualTo(1);
        assertThat(erasure.minSize()).isEqualTo(3);
        assertThat(erasure.maxSize()).isEqualTo(3);
        assertThat(erasure.steps())
                .extracting(CrushStep::op)
                .containsExactly("set_chooseleaf_tries", "set_choose_tries", "take", "chooseleaf_indep", "emit");
        CrushStep take = erasure.steps().get(2);
        assertThat(take.item()).hasValue(-1);
        assertThat(take.itemName()).hasValue("default");
        CrushStep choose = erasure.steps().get(3);
        assertThat(choose.number()).hasValue(0);
        assertThat(choose.type()).hasValue("host");
        assertThat(crush.rule(2).orElseThrow().steps().get(0).item()).hasValue(-13);
        assertThat(crush.bucket("emptyroot").orElseThrow().items()).isEmpty();
    }

    @Test
    void defaultsFieldsQuincyDroppedFromRules() {
        var edited = Fixtures.edited(HEALTHY, "osd-crush-dump.json", root -> {
            ObjectNode rule = (ObjectNode) root.get("rules").get(0);
            rule.put("rule_id", 4);
            rule.remove("ruleset");
            rule.remove("min_size");
            rule.remove("max_size");
            rule.put("type", "replicated");
            root.put("unknown_section", true);
        });

        CrushRule rule = CrushDumpParser.parse(edited).rules().get(0);

        assertThat(rule.id()).isEqualTo(4);
        assertThat(rule.ruleset()).isEqualTo(4);
        assertThat(rule.minSize()).isEqualTo(1);
        assertThat(rule.maxSize()).isEqualTo(10);
        assertThat(rule.type()).isEqualTo(1);
    }

    @Test
    void bucketTypeNameFallsBackToTypesList() {
        var edited = Fixtures.edited(HEALTHY, "osd-crush-dump.json", root -> {
            for (var bucket : root.get("buckets")) {
                ((ObjectNode) bucket).remove("type_name");
            }
        });

        assertThat(CrushDumpParser.parse(edited).bucket("node1").orElseThrow().typeName())
                .isEqualTo("host");
    }

    @Test
    void rejectsBucketWithoutId() {
        var edited = Fixtures.edited(
                HEALTHY,
                "osd-crush-dump.json",
                root -> ((ObjectNode) root.get("buckets").get(0)).remove("id"));

        assertThatThrownBy(() -> CrushDumpParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("osd crush dump")
                .hasMessageContaining("'id'");
    }

    @Test
    void treeKeepsDuplicatedSubtreesOfMultiplyLinkedBuckets() {
        OsdTree tree = OsdTreeParser.parse(Fixtures.bytes(DEGRADED, "osd-tree.json"));

        assertThat(tree.nodes()).hasSize(12);
        assertThat(tree.nodesById()).hasSize(10);
        assertThat(tree.nodes()).filteredOn(node -> node.id() == 0).hasSize(2);
        OsdTreeNode out = tree.node(1).orElseThrow();
        assertThat(out.isOsd()).isTrue();
        assertThat(out.reweight()).isZero();
        assertThat(out.status()).isEqualTo("up");
        assertThat(out.crushWeight()).isCloseTo(RAW_13, within(1e-12));
        assertThat(out.deviceClass()).isEqualTo("hdd");
        assertThat(tree.node(-9).orElseThrow().children()).containsExactly(-3, -10);
        assertThat(tree.node(-13).orElseThrow().children()).isEmpty();
        assertThat(tree.stray()).isEmpty();
    }

    @Test
    void treeRequiresNodes() {
        assertThatThrownBy(() -> OsdTreeParser.parse(Fixtures.parse("{\"stray\": []}")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("osd tree")
                .hasMessageContaining("'nodes'");
    }

    @Test
    void healthyTreeHasThreeHosts() {
        OsdTree tree = OsdTreeParser.parse(Fixtures.bytes(HEALTHY, "osd-tree.json"));

        assertThat(tree.nodes())
                .filteredOn(node -> node.type().equals("host"))
                .extracting(OsdTreeNode::name)
                .containsExactly("node0", "node1", "node2");
        assertThat(tree.nodes()).filteredOn(OsdTreeNode::isOsd).allMatch(n -> n.reweight() == 1.0);
    }
}
