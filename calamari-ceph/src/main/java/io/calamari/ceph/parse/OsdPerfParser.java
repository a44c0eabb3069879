package io.calamari.ceph.parse;

import io.calamari.ceph.model.OsdLatency;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code osd perf -f json}: Nautilus and later wrap the list in {@code osdstats} (next to
 * {@code pg_ready}), older releases put {@code osd_perf_infos} at the top. An empty answer (the
 * manager before its first PG statistics) is an empty list. Stateless.
 */
public final class OsdPerfParser {
    static final String COMMAND = "osd perf";

    private OsdPerfParser() {}

    public static List<OsdLatency> parse(byte[] json) {
        if (new String(json, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return List.of();
        }
        CephJson parser = new CephJson(COMMAND);
        JsonNode root = parser.requireObject(parser.read(json), "the document");
        JsonNode stats = CephJson.first(root, "osdstats").orElse(root);
        List<OsdLatency> latencies = new ArrayList<>();
        for (JsonNode info : parser.optionalArray(stats, "osd_perf_infos")) {
            JsonNode perf = parser.requireObject(parser.requireField(info, "perf_stats"), "'perf_stats'");
            latencies.add(new OsdLatency(
                    parser.requireInt(info, "id"), milliseconds(perf, "commit"), milliseconds(perf, "apply")));
        }
        return List.copyOf(latencies);
    }

    private static double milliseconds(JsonNode perf, String kind) {
        if (CephJson.first(perf, kind + "_latency_ns").isPresent()) {
            return CephJson.optionalLong(perf, 0, kind + "_latency_ns") / 1e6;
        }
        return CephJson.optionalDouble(perf, 0.0, kind + "_latency_ms");
    }
}
