package io.calamari.ceph.parse;

import io.calamari.ceph.model.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Parses one pool object as {@code osd dump} ({@code pool}) and {@code osd pool ls detail} ({@code
 * pool_id}) print it; before Luminous the rule field was {@code crush_ruleset}. Stateless.
 */
final class PoolParser {
    private PoolParser() {}

    static Pool parse(CephJson json, JsonNode pool) {
        json.requireObject(pool, "a pool");
        List<String> flagNames = new ArrayList<>();
        CephJson.optionalString(pool, "flags_names")
                .ifPresent(names -> Arrays.stream(names.split(","))
                        .map(String::trim)
                        .filter(name -> !name.isEmpty())
                        .forEach(flagNames::add));
        int placementGroupCount = json.requireInt(pool, "pg_num");
        int placementCount = CephJson.optionalInt(pool, placementGroupCount, "pg_placement_num", "pgp_num");
        return new Pool(
                json.requireInt(pool, "pool", "pool_id", "id"),
                json.requireString(pool, "pool_name", "name"),
                type(pool),
                CephJson.optionalInt(pool, 0, "size"),
                CephJson.optionalInt(pool, 0, "min_size"),
                placementGroupCount,
                placementCount,
                CephJson.optionalInt(pool, 0, "crush_rule", "crush_ruleset"),
                CephJson.string(pool, "", "erasure_code_profile"),
                CephJson.optionalLong(pool, 0, "flags"),
                flagNames,
                CephJson.optionalLong(pool, 0, "quota_max_bytes"),
                CephJson.optionalLong(pool, 0, "quota_max_objects"),
                applications(pool),
                CephJson.optionalInt(pool, placementGroupCount, "pg_num_target"),
                CephJson.optionalInt(pool, placementCount, "pg_placement_num_target"),
                CephJson.string(pool, "", "pg_autoscale_mode"),
                CephJson.string(pool.path("options"), "", "compression_mode"));
    }

    private static int type(JsonNode pool) {
        JsonNode type = pool.path("type");
        if (type.isString()) {
            return switch (type.stringValue()) {
                case "replicated" -> Pool.TYPE_REPLICATED;
                case "erasure" -> Pool.TYPE_ERASURE;
                default -> CephJson.optionalInt(pool, 0, "type");
            };
        }
        return CephJson.optionalInt(pool, Pool.TYPE_REPLICATED, "type");
    }

    private static Set<String> applications(JsonNode pool) {
        Set<String> result = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : CephJson.properties(pool.path("application_metadata"))) {
            result.add(entry.getKey());
        }
        return result;
    }
}
