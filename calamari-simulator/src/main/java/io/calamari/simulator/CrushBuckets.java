package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The {@code buckets}, {@code rules} and {@code tunables} of {@code osd crush dump}: every bucket
 * followed by its {@code ~hdd} shadow, ids counting down from -1, weights in 16.16 fixed point.
 * Stateless.
 */
final class CrushBuckets {
    private CrushBuckets() {}

    static void write(SimulatorSpec spec, JsonGenerator json) {
        int hostWeight = SimulatedCluster.crushWeight() * spec.osdsPerHost();
        json.writeName("buckets");
        json.writeStartArray();
        for (int shadow = 0; shadow <= 1; shadow++) {
            String suffix = shadow == 0 ? "" : "~hdd";
            writeHead(json, -1 - shadow, "default" + suffix, 11, "root", hostWeight * spec.hosts());
            int top = spec.racks() > 0 ? spec.racks() : spec.hosts();
            for (int index = 0; index < top; index++) {
                int id = spec.racks() > 0 ? CrushAnswers.rackId(index) : CrushAnswers.hostId(spec, index);
                int weight = spec.racks() > 0 ? hostWeight * hostsInRack(spec, index) : hostWeight;
                writeItem(json, id - shadow, weight, index);
            }
            writeEnd(json);
        }
        for (int rack = 0; rack < spec.racks(); rack++) {
            for (int shadow = 0; shadow <= 1; shadow++) {
                String name = SimulatedCluster.rackName(rack) + (shadow == 0 ? "" : "~hdd");
                writeHead(
                        json,
                        CrushAnswers.rackId(rack) - shadow,
                        name,
                        3,
                        "rack",
                        hostWeight * hostsInRack(spec, rack));
                int position = 0;
                for (int host = rack; host < spec.hosts(); host += spec.racks()) {
                    writeItem(json, CrushAnswers.hostId(spec, host) - shadow, hostWeight, position++);
                }
                writeEnd(json);
            }
        }
        for (int host = 0; host < spec.hosts(); host++) {
            for (int shadow = 0; shadow <= 1; shadow++) {
                String name = SimulatedCluster.hostName(host) + (shadow == 0 ? "" : "~hdd");
                writeHead(json, CrushAnswers.hostId(spec, host) - shadow, name, 1, "host", hostWeight);
                for (int slot = 0; slot < spec.osdsPerHost(); slot++) {
                    writeItem(json, host * spec.osdsPerHost() + slot, SimulatedCluster.crushWeight(), slot);
                }
                writeEnd(json);
            }
        }
        json.writeEndArray();
    }

    private static int hostsInRack(SimulatorSpec spec, int rack) {
        return (spec.hosts() - rack + spec.racks() - 1) / spec.racks();
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

    static void writeRules(JsonGenerator json) {
        json.writeName("rules");
        json.writeStartArray();
        json.writeStartObject();
        json.writeNumberProperty("rule_id", 0);
        json.writeStringProperty("rule_name", "replicated_rule");
        json.writeNumberProperty("ruleset", 0);
        json.writeNumberProperty("type", 1);
        json.writeNumberProperty("min_size", 1);
        json.writeNumberProperty("max_size", 10);
        json.writeName("steps");
        json.writeStartArray();
        json.writeStartObject();
        json.writeStringProperty("op", "take");
        json.writeNumberProperty("item", -1);
        json.writeStringProperty("item_name", "default");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringProperty("op", "chooseleaf_firstn");
        json.writeNumberProperty("num", 0);
        json.writeStringProperty("type", "host");
        json.writeEndObject();
        json.writeStartObject();
        json.writeStringProperty("op", "emit");
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
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
