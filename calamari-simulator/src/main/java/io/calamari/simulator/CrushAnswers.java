package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The CRUSH hierarchy's answers, {@code osd tree} and {@code osd crush dump}, written from the
 * cluster's {@link SimulatedCrushMap}: every OSD of class {@code hdd}, so each bucket has its
 * {@code ~hdd} shadow; OSDs in no bucket are {@code stray}. Called with the cluster's lock held.
 * Stateless.
 */
final class CrushAnswers {
    private static final String[] TYPES = SimulatedCrushMap.TYPES;

    private CrushAnswers() {}

    static byte[] osdTree(SimulatedCluster cluster) {
        SimulatedCrushMap crush = cluster.crush();
        return JsonAnswer.write(1024 + 300 * cluster.osdCount(), json -> {
            json.writeStartObject();
            json.writeName("nodes");
            json.writeStartArray();
            boolean[] linked = new boolean[cluster.osdCount()];
            for (SimulatedCrushMap.Bucket root : crush.roots()) {
                writeBucketNode(cluster, root, 0, true, linked, json);
            }
            json.writeEndArray();
            json.writeName("stray");
            json.writeStartArray();
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                if (!linked[osd]) {
                    writeOsdNode(cluster, osd, 0, json);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** A bucket's node, its children's ids in reverse, then each child's node, depth first. */
    private static void writeBucketNode(
            SimulatedCluster cluster,
            SimulatedCrushMap.Bucket bucket,
            int depth,
            boolean root,
            boolean[] linked,
            JsonGenerator json) {
        json.writeStartObject();
        writeNodeHead(json, bucket.id, bucket.name, bucket.type);
        if (!root) {
            JsonAnswer.emptyObject(json, "pool_weights");
        }
        json.writeName("children");
        json.writeStartArray();
        for (int index = bucket.items.size() - 1; index >= 0; index--) {
            json.writeNumber(bucket.items.get(index));
        }
        json.writeEndArray();
        json.writeEndObject();
        for (int item : bucket.items) {
            if (item < 0) {
                writeBucketNode(cluster, cluster.crush().bucket(item).orElseThrow(), depth + 1, false, linked, json);
            } else {
                linked[item] = true;
                writeOsdNode(cluster, item, depth + 1, json);
            }
        }
    }

    private static void writeOsdNode(SimulatedCluster cluster, int osd, int depth, JsonGenerator json) {
        json.writeStartObject();
        json.writeNumberProperty("id", osd);
        json.writeStringProperty("device_class", "hdd");
        json.writeStringProperty("name", "osd." + osd);
        json.writeStringProperty("type", "osd");
        json.writeNumberProperty("type_id", 0);
        JsonAnswer.number(json, "crush_weight", cluster.crush().osdWeight(osd) / 65536.0);
        json.writeNumberProperty("depth", depth);
        JsonAnswer.emptyObject(json, "pool_weights");
        json.writeNumberProperty("exists", 1);
        json.writeStringProperty("status", cluster.osdUp(osd) ? "up" : "down");
        JsonAnswer.number(json, "reweight", cluster.osdReweight(osd));
        JsonAnswer.number(json, "primary_affinity", 1);
        json.writeEndObject();
    }

    private static void writeNodeHead(JsonGenerator json, int id, String name, int type) {
        json.writeNumberProperty("id", id);
        json.writeStringProperty("name", name);
        json.writeStringProperty("type", TYPES[type]);
        json.writeNumberProperty("type_id", type);
    }

    static byte[] crushDump(SimulatedCluster cluster) {
        return JsonAnswer.write(2048 + 200 * cluster.osdCount(), json -> {
            json.writeStartObject();
            json.writeName("devices");
            json.writeStartArray();
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                json.writeStartObject();
                json.writeNumberProperty("id", osd);
                json.writeStringProperty("name", "osd." + osd);
                json.writeStringProperty("class", "hdd");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeName("types");
            json.writeStartArray();
            for (int type = 0; type < TYPES.length; type++) {
                json.writeStartObject();
                json.writeNumberProperty("type_id", type);
                json.writeStringProperty("name", TYPES[type]);
                json.writeEndObject();
            }
            json.writeEndArray();
            CrushBuckets.write(cluster.crush(), json);
            CrushBuckets.writeRules(cluster.crush(), json);
            CrushBuckets.writeTunables(json);
            JsonAnswer.emptyObject(json, "choose_args");
            json.writeEndObject();
        });
    }
}
