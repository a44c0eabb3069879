package io.calamari.ceph.parse;

import io.calamari.ceph.model.ClusterStatus;
import io.calamari.ceph.model.HealthReport;
import io.calamari.ceph.model.PgStateCount;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Parses {@code status -f json}. Required: {@code fsid}, {@code health} and {@code osdmap} with its
 * epoch. Luminous and Mimic nested the OSD map summary one level deeper ({@code
 * osdmap.osdmap.epoch}); both shapes are accepted. The FS map epoch is 0 when absent. Stateless.
 */
public final class StatusParser {
    static final String COMMAND = "status";

    private StatusParser() {}

    public static ClusterStatus parse(byte[] json) {
        CephJson parser = new CephJson(COMMAND);
        return parse(parser, parser.read(json));
    }

    public static ClusterStatus parse(JsonNode root) {
        return parse(new CephJson(COMMAND), root);
    }

    private static ClusterStatus parse(CephJson json, JsonNode root) {
        json.requireObject(root, "the document");
        HealthReport health = HealthParser.parse(json, json.requireField(root, "health"));
        JsonNode osdMap = json.requireField(root, "osdmap");
        if (osdMap.path("osdmap").isObject()) {
            osdMap = osdMap.path("osdmap");
        }
        JsonNode pgMap = root.path("pgmap");
        List<PgStateCount> pgsByState = new ArrayList<>();
        for (JsonNode state : json.optionalArray(pgMap, "pgs_by_state")) {
            pgsByState.add(new PgStateCount(
                    json.requireString(state, "state_name"), CephJson.optionalLong(state, 0, "count")));
        }
        return new ClusterStatus(
                json.requireString(root, "fsid"),
                health,
                CephJson.optionalInt(root, 0, "election_epoch"),
                CephJson.stringList(root, "quorum_names"),
                CephJson.optionalInt(root.path("monmap"), 0, "epoch"),
                json.requireInt(osdMap, "epoch"),
                CephJson.optionalInt(osdMap, 0, "num_osds"),
                CephJson.optionalInt(osdMap, 0, "num_up_osds"),
                CephJson.optionalInt(osdMap, 0, "num_in_osds"),
                CephJson.optionalInt(root.path("fsmap"), 0, "epoch"),
                pgsByState,
                CephJson.optionalLong(pgMap, sum(pgsByState), "num_pgs"),
                CephJson.optionalLong(pgMap, 0, "num_pools"),
                CephJson.optionalLong(pgMap, 0, "num_objects"),
                CephJson.optionalLong(pgMap, 0, "bytes_used"),
                CephJson.optionalLong(pgMap, 0, "bytes_avail"),
                CephJson.optionalLong(pgMap, 0, "bytes_total"));
    }

    private static long sum(List<PgStateCount> counts) {
        return counts.stream().mapToLong(PgStateCount::count).sum();
    }
}
