package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.EMPTY;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.PgStateCount;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.PlacementGroupTable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PgDumpParserTest {
    @Test
    void reducesHealthyCluster() {
        PgSummary summary = reduce(Fixtures.bytes(HEALTHY, "pg-dump-pgs_brief.json"));

        assertThat(summary.all()).isEqualTo(Map.of("active+clean", 1L));
        assertThat(summary.byPool()).isEqualTo(Map.of(1, Map.of("active+clean", 1L)));
        assertThat(summary.byOsd()).isEqualTo(Map.of(1, Map.of("active+clean", 1L), 2, Map.of("active+clean", 1L)));
        assertThat(summary.digest()).hasSize(64);
    }

    @Test
    void countsAddUpToStatusOfTheSameCluster() {
        PgSummary summary = reduce(Fixtures.bytes(DEGRADED, "pg-dump-pgs_brief.json"));
        ClusterStatus status = StatusParser.parse(Fixtures.bytes(DEGRADED, "status.json"));

        assertThat(summary.placementGroupCount())
                .isEqualTo(status.placementGroupCount())
                .isEqualTo(23);
        for (PgStateCount count : status.pgsByState()) {
            assertThat(summary.all()).containsEntry(count.state(), count.count());
        }
        long byPoolTotal = summary.byPool().values().stream()
                .flatMap(states -> states.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        assertThat(byPoolTotal).isEqualTo(23);
    }

    @Test
    void countsStatesPerOsdActingSetAndPerPool() {
        PgSummary summary = reduce(Fixtures.bytes(DEGRADED, "pg-dump-pgs_brief.json"));

        assertThat(summary.byOsd()).containsOnlyKeys(0, 1, 2);
        assertThat(summary.byOsd().get(1)).isEqualTo(Map.of("active+clean+remapped", 4L));
        assertThat(summary.byOsd().get(0))
                .isEqualTo(Map.of(
                        "active+clean", 13L,
                        "active+clean+remapped", 4L,
                        "active+undersized", 2L));
        assertThat(summary.byOsd().get(2)).isEqualTo(Map.of("active+clean", 13L, "active+clean+remapped", 4L));
        assertThat(summary.byPool().get(4)).isEqualTo(Map.of("unknown", 4L));
        assertThat(summary.byPool().get(5)).isEqualTo(Map.of("active+undersized", 2L));
        assertThat(summary.byPool().get(2)).isEqualTo(Map.of("active+clean", 8L));
    }

    @Test
    void bareArrayOfOlderReleasesGivesTheSameSummary() {
        String wrapped = Fixtures.text(DEGRADED, "pg-dump-pgs_brief.json");
        String array = wrapped.substring(wrapped.indexOf('['), wrapped.lastIndexOf(']') + 1);

        PgSummary fromArray = reduce(array.getBytes(StandardCharsets.UTF_8));
        PgSummary fromStream = PgDumpParser.table(new ByteArrayInputStream(wrapped.getBytes(StandardCharsets.UTF_8)))
                .summary();

        assertThat(fromArray).isEqualTo(fromStream);
        assertThat(fromArray.digest()).isEqualTo(fromStream.digest());
    }

    @Test
    void digestChangesWhenOneStateChangesAndIgnoresOrder() {
        String original = Fixtures.text(DEGRADED, "pg-dump-pgs_brief.json");
        String changed = original.replaceFirst("\"state\":\"unknown\"", "\"state\":\"creating\"");
        String reordered = "[{\"pgid\":\"2.1\",\"state\":\"active+clean\",\"acting\":[0,2]},"
                + "{\"pgid\":\"1.0\",\"state\":\"active+clean\",\"acting\":[2,0]}]";
        String inOrder = "[{\"pgid\":\"1.0\",\"state\":\"active+clean\",\"acting\":[2,0]},"
                + "{\"pgid\":\"2.1\",\"state\":\"active+clean\",\"acting\":[0,2]}]";

        assertThat(reduce(changed).digest()).isNotEqualTo(reduce(original).digest());
        assertThat(reduce(reordered).digest()).isEqualTo(reduce(inOrder).digest());
    }

    @Test
    void skipsCrushNoneAndUnknownFieldsAndFallsBackToUp() {
        PgSummary summary = reduce("""
                        {"future": {"nested": [1, {"x": 2}]},
                         "pg_stats": [
                           {"pgid": "3.1a", "state": "active+undersized+degraded",
                            "acting": [0, 2147483647, 2], "stat_sum": {"num_objects": 3}},
                           {"pgid": "10.0", "state": "peering", "up": [4]}]}
                        """);

        assertThat(summary.byOsd()).containsOnlyKeys(0, 2, 4);
        assertThat(summary.byPool()).containsOnlyKeys(3, 10);
        assertThat(summary.byOsd().get(4)).isEqualTo(Map.of("peering", 1L));
    }

    @Test
    void emptyClusterHasNoCounts() {
        PgSummary summary = reduce(Fixtures.bytes(EMPTY, "pg-dump-pgs_brief.json"));

        assertThat(summary.all()).isEmpty();
        assertThat(summary.byOsd()).isEmpty();
        assertThat(summary.placementGroupCount()).isZero();
        assertThat(summary.digest()).isEqualTo(reduce("[]").digest());
    }

    @Test
    void rejectsMissingPgStatsMissingStateAndBadJson() {
        assertThatThrownBy(() -> reduce("{\"pg_ready\": true}"))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("pg dump pgs_brief")
                .hasMessageContaining("'pg_stats'");
        assertThatThrownBy(() -> reduce("[{\"pgid\": \"1.0\", \"acting\": [0]}]"))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'state'")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> reduce("[{\"pgid\": \"x.0\", \"state\": \"active\"}]"))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("x.0");
        assertThatThrownBy(() -> reduce("[{\"pgid\": \"1.0\", "))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> reduce("\"nope\"")).isInstanceOf(CephParseException.class);
    }

    private static PgSummary reduce(String json) {
        return reduce(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSameDumpInAnotherOrderGivesTheSameTable() {
        String wrapped = Fixtures.text(DEGRADED, "pg-dump-pgs_brief.json");
        JsonNode stats = CephJson.mapper().readTree(wrapped).get("pg_stats");
        List<JsonNode> reversed = new ArrayList<>();
        stats.forEach(reversed::add);
        Collections.reverse(reversed);

        PgSummary fromReversed = reduce(CephJson.mapper().writeValueAsBytes(Map.of("pg_stats", reversed)));

        assertThat(fromReversed).isEqualTo(reduce(bytes(wrapped)));
    }

    @Test
    void onlyTheUncleanPgsOfPgLsOverlayTheTableAndTheRestBecomeActiveClean() {
        PlacementGroupTable healthy = PgDumpParser.table(
                bytes("{\"pg_stats\": [" + pg("1.0", "active+clean", 0, 1) + "," + pg("2.0", "active+clean", 1, 2) + ","
                        + pg("2.1", "active+clean+scrubbing", 2, 0) + "," + pg("2.1f", "active+clean", 0, 2) + "]}"));
        PlacementGroupTable listed = PgDumpParser.listed(
                bytes("{\"pg_ready\": true, \"pg_stats\": [" + pg("2.1f", "active+undersized+degraded", 2) + "]}"));

        PgSummary summary = healthy.withOnlyUnclean(listed).orElseThrow().summary();

        assertThat(summary.all()).isEqualTo(Map.of("active+clean", 3L, "active+undersized+degraded", 1L));
        assertThat(summary.byPool().get(2)).isEqualTo(Map.of("active+clean", 2L, "active+undersized+degraded", 1L));
        assertThat(summary.byOsd().get(0)).as("osd.0 left 2.1f").isEqualTo(Map.of("active+clean", 2L));
        assertThat(summary.byOsd().get(2)).isEqualTo(Map.of("active+clean", 2L, "active+undersized+degraded", 1L));
        assertThat(summary)
                .isEqualTo(reduce(bytes("[" + pg("1.0", "active+clean", 0, 1) + ","
                        + pg("2.0", "active+clean", 1, 2) + "," + pg("2.1", "active+clean", 2, 0) + ","
                        + pg("2.1f", "active+undersized+degraded", 2) + "]")));
    }

    @Test
    void pgLsWithoutMatchesHasNoPgStatsAndAnUnknownPgMeansFetchEverything() {
        PlacementGroupTable healthy = PgDumpParser.table(bytes("[" + pg("1.0", "active+clean", 0, 1) + "]"));

        PlacementGroupTable none = PgDumpParser.listed(bytes("{\"pg_ready\": true}"));
        PlacementGroupTable unknown = PgDumpParser.listed(bytes("{\"pg_stats\": [" + pg("1.1", "peering", 0) + "]}"));

        assertThat(none.size()).isZero();
        assertThat(healthy.withOnlyUnclean(none).orElseThrow().summary()).isEqualTo(healthy.summary());
        assertThat(healthy.withOnlyUnclean(unknown)).isEmpty();
        assertThatThrownBy(() -> PgDumpParser.table(bytes("{\"pg_ready\": true}")))
                .hasMessageContaining("'pg_stats'");
        assertThatThrownBy(() -> PgDumpParser.table(
                        bytes("[" + pg("1.0", "active+clean", 0) + "," + pg("1.0", "active+clean", 1) + "]")))
                .hasMessageContaining("PG 1.0 listed twice");
    }

    @Test
    void pacificsPgLsOfTheUncleanPgsAddsUpToTheStatusAndToTheWholeDump() {
        String cluster = "pacific/one-osd-down";
        ClusterStatus status = StatusParser.parse(Fixtures.bytes(cluster, "status.json"));
        PlacementGroupTable all = PgDumpParser.table(Fixtures.bytes(cluster, "pg-dump-pgs_brief.json"));
        PlacementGroupTable unclean = PgDumpParser.listed(Fixtures.bytes(cluster, "pg-ls-unclean.json"));

        long clean = status.pgsByState().stream()
                .filter(count -> count.state().equals("active+clean"))
                .mapToLong(PgStateCount::count)
                .sum();
        assertThat(unclean.size()).isEqualTo(27).isEqualTo(status.placementGroupCount() - clean);
        PlacementGroupTable allClean = PgDumpParser.table(
                bytes(Fixtures.text(cluster, "pg-dump-pgs_brief.json").replace("active+undersized", "active+clean")));
        assertThat(allClean.summary().all()).containsOnlyKeys("active+clean");
        assertThat(allClean.withOnlyUnclean(unclean).orElseThrow().summary()).isEqualTo(all.summary());
    }

    private static String pg(String pgid, String state, int... acting) {
        StringBuilder osds = new StringBuilder();
        for (int osd : acting) {
            osds.append(osds.length() == 0 ? "" : ",").append(osd);
        }
        return "{\"pgid\": \"" + pgid + "\", \"state\": \"" + state + "\", \"up\": [" + osds + "], \"acting\": [" + osds
                + "], \"stat_sum\": {\"num_bytes\": 0}}";
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static PgSummary reduce(byte[] json) {
        return PgDumpParser.table(json).summary();
    }
}
