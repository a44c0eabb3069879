package io.calamari.ceph.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code log last} as Pacific answers it, recorded in {@code ceph/pacific/cluster-log}. */
class ClusterLogParserTest {
    private static final String LOG = "pacific/cluster-log";

    @Test
    void parsesTheClusterChannelAtInfo() {
        List<ClusterLogEntry> entries = ClusterLogParser.parse(Fixtures.bytes(LOG, "log-last.json"));

        assertThat(entries).hasSize(7);
        assertThat(entries.get(0))
                .isEqualTo(new ClusterLogEntry(
                        "mon.a",
                        "mon.0",
                        Instant.parse("2026-11-22T00:03:48.890392Z"),
                        70,
                        "cluster",
                        ClusterLogLevel.INFO,
                        "osd.2 [v2:127.0.0.1:6818/15047,v1:127.0.0.1:6819/15047] boot"));
        assertThat(entries.get(1).name()).isEqualTo("client.admin");
        assertThat(entries.get(1).rank()).isEqualTo("client.?");
        assertThat(entries.get(1).seq())
                .as("entries written with the 'log' command")
                .isZero();
        assertThat(entries.get(1).message()).isEqualTo("calamari fixture marker: hello, cluster log");
        assertThat(entries)
                .extracting(ClusterLogEntry::level)
                .containsExactly(
                        ClusterLogLevel.INFO,
                        ClusterLogLevel.INFO,
                        ClusterLogLevel.WARN,
                        ClusterLogLevel.INFO,
                        ClusterLogLevel.INFO,
                        ClusterLogLevel.ERROR,
                        ClusterLogLevel.WARN);
    }

    @Test
    void linesAreWhatCephPrintsWithoutAFormat() {
        List<ClusterLogEntry> entries = ClusterLogParser.parse(Fixtures.bytes(LOG, "log-last.json"));
        String text = Fixtures.text(LOG, "log-last.txt");

        assertThat(entries.stream().map(ClusterLogEntry::line).collect(Collectors.joining("\n", "", "\n")))
                .isEqualTo(text);
    }

    @Test
    void parsesEveryChannelAndLevel() {
        List<ClusterLogEntry> entries = ClusterLogParser.parse(Fixtures.bytes(LOG, "log-last-50-debug-all.json"));

        Map<String, Long> perChannelAndLevel = entries.stream()
                .collect(Collectors.groupingBy(
                        entry -> entry.channel() + " " + entry.level().priority(), Collectors.counting()));
        assertThat(perChannelAndLevel)
                .containsOnly(
                        Map.entry("cluster [DBG]", 27L),
                        Map.entry("cluster [INF]", 3L),
                        Map.entry("cluster [WRN]", 2L),
                        Map.entry("cluster [ERR]", 1L),
                        Map.entry("audit [DBG]", 4L),
                        Map.entry("audit [INF]", 14L));
        assertThat(entries).map(ClusterLogEntry::name).containsOnly("mon.a", "mgr.x", "client.admin");
        assertThat(entries.get(entries.size() - 1).message())
                .isEqualTo("from='client.? 127.0.0.1:0/366608938' entity='client.admin'"
                        + " cmd=[{\"prefix\": \"log last\", \"num\": 40}]: dispatch");
        // Ceph's order is the order the monitors stored the entries, not their stamps: a manager's entry
        // stamped earlier can follow a monitor's. The parser keeps it.
        assertThat(entries.get(40).seq()).isEqualTo(121);
        assertThat(entries.get(41).name()).isEqualTo("mgr.x");
        assertThat(entries.get(41).stamp()).isBefore(entries.get(40).stamp());
    }

    @Test
    void keepsOnlyTheNewestAsked() {
        byte[] json = Fixtures.bytes(LOG, "log-last-3-debug-audit.json");

        assertThat(ClusterLogParser.parse(json))
                .as("Pacific answered 'log last 3' with one entry too many")
                .hasSize(4);
        assertThat(ClusterLogParser.parseNewest(json, 3))
                .extracting(ClusterLogEntry::seq)
                .containsExactly(121L, 122L, 123L);
        assertThat(ClusterLogParser.parseNewest(json, 10)).hasSize(4);
        assertThatThrownBy(() -> ClusterLogParser.parseNewest(json, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsStampsInEveryFormCephPrints() {
        Function<String, Instant> parse = ClusterLogParser::parseStamp;

        assertThat(parse.apply("2026-11-22T00:04:14.058034+0000")).isEqualTo("2026-11-22T00:04:14.058034Z");
        assertThat(parse.apply("2026-11-22T01:04:14.058034+0100")).isEqualTo("2026-11-22T00:04:14.058034Z");
        assertThat(parse.apply("2026-11-22T01:04:14.058034+01:00")).isEqualTo("2026-11-22T00:04:14.058034Z");
        assertThat(parse.apply("2026-11-22 00:04:14.058034")).isEqualTo("2026-11-22T00:04:14.058034Z");
        assertThat(parse.apply("2026-11-22T00:04:14Z")).isEqualTo("2026-11-22T00:04:14Z");
        assertThat(ClusterLogEntry.formatStamp(Instant.parse("2026-11-22T00:04:14.058034999Z")))
                .isEqualTo("2026-11-22T00:04:14.058034+0000");
        assertThat(ClusterLogEntry.formatStamp(Instant.parse("2026-11-22T00:04:14Z")))
                .isEqualTo("2026-11-22T00:04:14.000000+0000");
    }

    @Test
    void buildsEntriesFromWhatASubscriptionDelivers() {
        ClusterLogEntry entry = ClusterLogParser.fromSubscription(
                "audit",
                "mon.a",
                "mon.0 v2:127.0.0.1:42033/0",
                Instant.parse("2026-11-22T00:04:50.377839Z"),
                138,
                "[INF]",
                "from='client.?' entity='client.admin' cmd=[{\"prefix\": \"log\"}]: dispatch");

        assertThat(entry.rank()).isEqualTo("mon.0");
        assertThat(entry.line())
                .isEqualTo("2026-11-22T00:04:50.377839+0000 mon.a (mon.0) 138 : audit [INF] from='client.?'"
                        + " entity='client.admin' cmd=[{\"prefix\": \"log\"}]: dispatch");
        assertThat(ClusterLogParser.fromSubscription("cluster", "osd.1", "osd.1", Instant.EPOCH, 3, "[DBG]", "x")
                        .rank())
                .isEqualTo("osd.1");
    }

    @Test
    void rejectsWhatIsNotALogList() {
        assertThatThrownBy(() -> ClusterLogParser.parse(bytes("{\"tail\": []}")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("log last")
                .hasMessageContaining("array");
        assertThatThrownBy(() -> ClusterLogParser.parse(bytes("[{\"name\": \"mon.a\"}]")))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'stamp'");
        String entry = "[{\"name\": \"mon.a\", \"rank\": \"mon.0\", \"stamp\": \"%s\", \"seq\": 1,"
                + " \"channel\": \"cluster\", \"priority\": \"%s\", \"message\": \"m\"}]";
        assertThatThrownBy(() -> ClusterLogParser.parse(bytes(entry.formatted("yesterday", "[INF]"))))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("'stamp' is not a time");
        assertThatThrownBy(() -> ClusterLogParser.parse(bytes(entry.formatted("2026-11-22T00:04:14Z", "[UNK]"))))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("unknown priority '[UNK]'");
        assertThat(ClusterLogParser.parse(bytes("[]"))).isEmpty();
    }

    @Test
    void levelsFollowCephsOrder() {
        assertThat(ClusterLogLevel.values())
                .containsExactly(
                        ClusterLogLevel.DEBUG,
                        ClusterLogLevel.INFO,
                        ClusterLogLevel.SEC,
                        ClusterLogLevel.WARN,
                        ClusterLogLevel.ERROR);
        assertThat(ClusterLogLevel.SEC.isAtLeast(ClusterLogLevel.INFO)).isTrue();
        assertThat(ClusterLogLevel.SEC.isAtLeast(ClusterLogLevel.WARN)).isFalse();
        assertThat(ClusterLogLevel.fromName(" Warn ")).hasValue(ClusterLogLevel.WARN);
        assertThat(ClusterLogLevel.fromName("warning")).isEmpty();
        assertThat(ClusterLogLevel.fromPriority("[SEC]")).hasValue(ClusterLogLevel.SEC);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
