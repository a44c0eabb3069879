package io.calamari.ceph.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.parse.CrushDumpParser;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.ceph.parse.OsdDumpParser;
import io.calamari.ceph.parse.OsdMetadataParser;
import io.calamari.ceph.parse.OsdTreeParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OsdMapIndexTest {
    @Test
    void healthyClusterPlacesTheOnePoolOnAllOsds() {
        OsdMapIndex index = index(Fixtures.HEALTHY);

        assertThat(index.osdsForRule(0)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.osdsForPool(1)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.poolsForOsd(2)).containsExactly(1);
        assertThat(index.crushAncestry(0)).containsExactly(List.of(-3, -1));
        assertThat(index.crushAncestry(2)).containsExactly(List.of(-7, -1));
        assertThat(index.host(1)).hasValue("node1");
        assertThat(index.reweight(1)).isEqualTo(1.0);
    }

    @Test
    void osdLinkedUnderTwoRootsHasTwoAncestryPaths() {
        OsdMapIndex index = index(Fixtures.DEGRADED);

        assertThat(index.crushAncestry(0)).containsExactly(List.of(-3, -1), List.of(-3, -9));
        assertThat(index.crushAncestry(1)).containsExactly(List.of(-5, -1));
        assertThat(index.host(0)).hasValue("node0");
        assertThat(index.host(2)).hasValue("node2");
    }

    @Test
    void rulesReachOsdsUnderTheirTakenBucket() {
        OsdMapIndex index = index(Fixtures.DEGRADED);

        assertThat(index.osdsByRule()).containsOnlyKeys(0, 1, 2, 3);
        assertThat(index.osdsForRule(0)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.osdsForRule(1)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.osdsForRule(2)).isEmpty();
        assertThat(index.osdsForRule(3)).containsExactly(0);
    }

    @Test
    void poolWhoseRuleMatchesNoOsdHasNoOsds() {
        OsdMapIndex index = index(Fixtures.DEGRADED);

        assertThat(index.osdsForPool(4)).isEmpty();
        assertThat(index.osdsForPool(5)).containsExactly(0);
        assertThat(index.osdsForPool(3)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(index.poolsForOsd(0)).containsExactlyInAnyOrder(1, 2, 3, 5, 6, 7);
        assertThat(index.poolsForOsd(1)).containsExactlyInAnyOrder(1, 2, 3, 6, 7);
        assertThat(index.poolsByOsd().values()).noneMatch(pools -> pools.contains(4));
    }

    @Test
    void reweightComesFromTheTree() {
        OsdMapIndex index = index(Fixtures.DEGRADED);

        assertThat(index.reweightByOsd()).isEqualTo(Map.of(0, 1.0, 1, 0.0, 2, 1.0));
    }

    @Test
    void emptyClusterHasEmptyIndexes() {
        OsdMapIndex index = index(Fixtures.EMPTY);

        assertThat(index.osdsByRule()).isEqualTo(Map.of(0, Set.of()));
        assertThat(index.osdsByPool()).isEmpty();
        assertThat(index.poolsByOsd()).isEmpty();
        assertThat(index.ancestryByOsd()).isEmpty();
        assertThat(index.hostByOsd()).isEmpty();
        assertThat(index.osdsForPool(1)).isEmpty();
        assertThat(index.crushAncestry(0)).isEmpty();
    }

    @Test
    void osdOutsideCrushTakesHostFromMetadataAndHasNoAncestry() {
        OsdMap osdMap = new OsdMap(5, "fsid", Set.of(), List.of(osd(0), osd(7)), List.of(pool(1, 0), pool(2, 9)));
        CrushMap crush = new CrushMap(
                List.of(),
                List.of(
                        new CrushType(0, "osd"),
                        new CrushType(1, "host"),
                        new CrushType(3, "rack"),
                        new CrushType(11, "root")),
                List.of(
                        bucket(-1, "default", "root", -2),
                        bucket(-2, "rack1", "rack", -3),
                        bucket(-3, "h1", "host", 0)),
                List.of(new CrushRule(
                        0,
                        "by_rack",
                        0,
                        1,
                        1,
                        10,
                        List.of(
                                new CrushStep(
                                        "take",
                                        OptionalInt.empty(),
                                        Optional.of("default"),
                                        OptionalInt.empty(),
                                        Optional.empty()),
                                new CrushStep(
                                        "choose_firstn",
                                        OptionalInt.empty(),
                                        Optional.empty(),
                                        OptionalInt.of(0),
                                        Optional.of("rack")),
                                new CrushStep(
                                        "chooseleaf_firstn",
                                        OptionalInt.empty(),
                                        Optional.empty(),
                                        OptionalInt.of(1),
                                        Optional.of("host")),
                                new CrushStep(
                                        "emit",
                                        OptionalInt.empty(),
                                        Optional.empty(),
                                        OptionalInt.empty(),
                                        Optional.empty())))));
        List<OsdMetadata> metadata = List.of(
                new OsdMetadata(0, Map.of("hostname", "vm")), new OsdMetadata(7, Map.of("hostname", "storage7")));

        OsdMapIndex index = OsdMapIndex.build(osdMap, new OsdTree(List.of(), List.of()), crush, metadata);

        assertThat(index.osdsForRule(0)).containsExactly(0);
        assertThat(index.osdsForPool(1)).containsExactly(0);
        assertThat(index.osdsForPool(2)).as("pool naming a missing rule").isEmpty();
        assertThat(index.crushAncestry(0)).containsExactly(List.of(-3, -2, -1));
        assertThat(index.host(0)).hasValue("h1");
        assertThat(index.host(7)).hasValue("storage7");
        assertThat(index.crushAncestry(7)).isEmpty();
        assertThat(index.poolsForOsd(7)).isEmpty();
        assertThat(index.reweight(7)).isZero();
    }

    private static OsdMapIndex index(String cluster) {
        return OsdMapIndex.build(
                OsdDumpParser.parse(Fixtures.bytes(cluster, "osd-dump.json")),
                OsdTreeParser.parse(Fixtures.bytes(cluster, "osd-tree.json")),
                CrushDumpParser.parse(Fixtures.bytes(cluster, "osd-crush-dump.json")),
                OsdMetadataParser.parse(Fixtures.bytes(cluster, "osd-metadata.json")));
    }

    private static Osd osd(int id) {
        return new Osd(id, "uuid-" + id, true, true, 1.0, 1.0, "", "", "", "", 1, 1, 0, 0, List.of());
    }

    private static Pool pool(int id, int rule) {
        return new Pool(
                id,
                "pool" + id,
                Pool.TYPE_REPLICATED,
                3,
                2,
                8,
                8,
                rule,
                "",
                1,
                List.of(),
                0,
                0,
                Set.of(),
                8,
                8,
                "on",
                "");
    }

    private static CrushBucket bucket(int id, String name, String type, int child) {
        return new CrushBucket(id, name, 0, type, 1.0, "straw2", "rjenkins1", List.of(new CrushItem(child, 1.0, 0)));
    }
}
