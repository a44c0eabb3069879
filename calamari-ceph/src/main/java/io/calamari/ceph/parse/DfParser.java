package io.calamari.ceph.parse;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.PoolUsage;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code df -f json} and {@code df detail -f json}. Cluster totals accept the Firefly+
 * {@code total_*_bytes} names and the older kilobyte fields ({@code total_space}, {@code
 * total_used}, {@code total_avail}, converted to bytes). A pool's {@code stored} (Nautilus+) falls
 * back to {@code bytes_used}, which meant the same before. Stateless.
 */
public final class DfParser {
    static final String COMMAND = "df";

    private DfParser() {}

    public static ClusterDf parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static ClusterDf parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static ClusterDf parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        JsonNode stats = json.requireObject(json.requireField(root, "stats"), "'stats'");
        List<PoolUsage> pools = new ArrayList<>();
        for (JsonNode pool : json.optionalArray(root, "pools")) {
            JsonNode poolStats = pool.path("stats");
            long bytesUsed = CephJson.optionalLong(poolStats, 0, "bytes_used");
            pools.add(new PoolUsage(
                    json.requireInt(pool, "id"),
                    CephJson.string(pool, "", "name"),
                    CephJson.optionalLong(poolStats, bytesUsed, "stored"),
                    CephJson.optionalLong(poolStats, 0, "objects"),
                    bytesUsed,
                    CephJson.optionalDouble(poolStats, 0.0, "percent_used"),
                    CephJson.optionalLong(poolStats, 0, "max_avail"),
                    CephJson.optionalLong(poolStats, 0, "rd"),
                    CephJson.optionalLong(poolStats, 0, "rd_bytes"),
                    CephJson.optionalLong(poolStats, 0, "wr"),
                    CephJson.optionalLong(poolStats, 0, "wr_bytes")));
        }
        return new ClusterDf(
                bytes(json, stats, "total_bytes", "total_space"),
                bytes(json, stats, "total_used_bytes", "total_used"),
                bytes(json, stats, "total_avail_bytes", "total_avail"),
                pools);
    }

    private static long bytes(CephJson json, JsonNode stats, String bytesName, String kilobytesName) {
        if (CephJson.first(stats, bytesName).isPresent()) {
            return json.requireLong(stats, bytesName);
        }
        if (CephJson.first(stats, kilobytesName).isPresent()) {
            return json.requireLong(stats, kilobytesName) * 1024;
        }
        throw json.failure("missing field 'stats." + bytesName + "'");
    }
}
