package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The {@code buckets}, {@code rules} and {@code tunables} of {@code osd crush dump}: every bucket
 * and its {@code ~hdd} shadow, ids counting down from -1, weights in 16.16 fixed point, written
 * from the cluster's {@link SimulatedCrushMap}. Stateless.
 */
final class CrushBuckets {
    private CrushBuckets() {}

    static void write(SimulatedCrushMap crush, JsonGenerator json) {
        json.writeName("buckets");
        json.writeStartArray();
        for (int[] entry : crush.bucketOrder()) {
            SimulatedCrushMap.Bucket bucket = crush.buckets().get(entry[1]);
            boolean shadow = entry[2] == 1;
            writeHead(
                    json,
                    entry[0],
                    bucket.name + (shadow ? "~hdd" : ""),
                    bucket.type,
                    SimulatedCrushMap.TYPES[bucket.type],
                    crush.weight(bucket.id));
            int position = 0;
            for (int item : bucket.items) {
                int id = item < 0 && shadow ? crush.bucket(item).orElseThrow().shadowId : item;
                writeItem(json, id, crush.weight(item), position++);
            }
            writeEnd(json);
        }
        json.writeEndArray();
    }

    private static void writeHead(JsonGenerator json, int id, String name, int type, String typeName, int weight) {
        json.writeStartObject();
        json.writeNumberProperty("id", id);
        json.writeStringProperty("name", name);
        json.writeNumberProperty("type_id", type);
        json.writeStringProperty("type_name", typeName);
        json.writeNumberProperty("weight", weight);
        json.writeStringProperty("alg", "straw2");
        json.writeStringProperty("hash", "rjenkins1");
        json.writeName("items");
        json.writeStartArray();
    }

    private static void writeItem(JsonGenerator json, int id, int weight, int position) {
        json.writeStartObject();
        json.writeNumberProperty("id", id);
        json.writeNumberProperty("weight", weight);
        json.writeNumberProperty("pos", position);
        json.writeEndObject();
    }

    private static void writeEnd(JsonGenerator json) {
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeRules(SimulatedCrushMap crush, JsonGenerator json) {
        json.writeName("rules");
        json.writeStartArray();
        for (SimulatedCrushMap.Rule rule : crush.rules()) {
            SimulatedCrushMap.Bucket root = crush.bucket(rule.root).orElseThrow();
            json.writeStartObject();
            json.writeNumberProperty("rule_id", rule.id);
            json.writeStringProperty("rule_name", rule.name);
            json.writeNumberProperty("ruleset", rule.id);
            json.writeNumberProperty("type", 1);
            json.writeNumberProperty("min_size", 1);
            json.writeNumberProperty("max_size", 10);
            json.writeName("steps");
            json.writeStartArray();
            json.writeStartObject();
            json.writeStringProperty("op", "take");
            json.writeNumberProperty("item", rule.hddOnly ? root.shadowId : root.id);
            json.writeStringProperty("item_name", root.name + (rule.hddOnly ? "~hdd" : ""));
            json.writeEndObject();
            json.writeStartObject();
            json.writeStringProperty("op", "chooseleaf_firstn");
            json.writeNumberProperty("num", 0);
            json.writeStringProperty("type", SimulatedCrushMap.TYPES[rule.chooseType]);
            json.writeEndObject();
            json.writeStartObject();
            json.writeStringProperty("op", "emit");
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Pacific's defaults for a new cluster (the {@code jewel} profile). */
    static void writeTunables(JsonGenerator json) {
        json.writeName("tunables");
        json.writeStartObject();
        Object[] tunables = {
            "choose_local_tries",
            0,
            "choose_local_fallback_tries",
            0,
            "choose_total_tries",
            50,
            "chooseleaf_descend_once",
            1,
            "chooseleaf_vary_r",
            1,
            "chooseleaf_stable",
            1,
            "straw_calc_version",
            1,
            "allowed_bucket_algs",
            54,
            "profile",
            "jewel",
            "optimal_tunables",
            1,
            "legacy_tunables",
            0,
            "minimum_required_version",
            "jewel",
            "require_feature_tunables",
            1,
            "require_feature_tunables2",
            1,
            "has_v2_rules",
            0,
            "require_feature_tunables3",
            1,
            "has_v3_rules",
            0,
            "has_v4_buckets",
            1,
            "require_feature_tunables5",
            1,
            "has_v5_rules",
            0
        };
        for (int index = 0; index < tunables.length; index += 2) {
            String name = (String) tunables[index];
            if (tunables[index + 1] instanceof Integer value) {
                json.writeNumberProperty(name, value);
            } else {
                json.writeStringProperty(name, (String) tunables[index + 1]);
            }
        }
        json.writeEndObject();
    }
}
