package io.calamari.ceph.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.OsdLatency;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OsdPerfParserTest {
    @Test
    void parsesPacificsAnswer() {
        assertThat(OsdPerfParser.parse(Fixtures.bytes("pacific/osd-perf", "osd-perf.json")))
                .containsExactly(new OsdLatency(1, 0, 0), new OsdLatency(0, 0, 0));
    }

    @Test
    void prefersNanosecondsAndAcceptsTheOlderLayout() {
        String luminous = """
                {"osd_perf_infos": [{"id": 3, "perf_stats": {"commit_latency_ms": 12, "apply_latency_ms": 7}}]}
                """;
        assertThat(OsdPerfParser.parse(luminous.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new OsdLatency(3, 12, 7));
        String nanoseconds = """
                {"pg_ready": true, "osdstats": {"osd_perf_infos": [{"id": 0, "perf_stats":
                  {"commit_latency_ms": 0, "apply_latency_ms": 1, "commit_latency_ns": 450000, "apply_latency_ns": 1250000}}]}}
                """;
        assertThat(OsdPerfParser.parse(nanoseconds.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new OsdLatency(0, 0.45, 1.25));
    }

    @Test
    void anEmptyAnswerHasNoOsdsAndGarbageIsRefused() {
        assertThat(OsdPerfParser.parse("\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThatThrownBy(() -> OsdPerfParser.parse(
                        "{\"osdstats\": {\"osd_perf_infos\": [{\"id\": 1}]}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("perf_stats");
    }
}
