package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The CRUSH hierarchy's answers, {@code osd tree} and {@code osd crush dump}: root {@code default}
 * (id -1) over the racks (if any) over the hosts over the OSDs, every OSD of class {@code hdd}, so
 * each bucket has its {@code ~hdd} shadow with the next id down, as Ceph numbers them; one rule
 * {@code replicated_rule} choosing leaves across hosts. Called with the cluster's lock held. Stateless.
 */
final class CrushAnswers {
    private static final String[] TYPES = {
        "osd", "host", "chassis", "rack", "row", "pdu", "pod", "room", "datacenter", "zone", "region", "root"
    };
    private static final int HOST_TYPE = 1;
    private static final int RACK_TYPE = 3;
    private static final int ROOT_TYPE = 11;

    private CrushAnswers() {}

    static int rackId(int rack) {
        return -(3 + 2 * rack);
    }

    static int hostId(SimulatorSpec spec, int host) {
        return -(3 + 2 * spec.racks() + 2 * host);
    }

    static byte[] osdTree(SimulatedCluster cluster) {
        SimulatorSpec spec = cluster.spec();
        return JsonAnswer.write(1024 + 300 * cluster.osdCount(), json -> {
            json.writeStartObject();
            json.writeName("nodes");
            json.writeStartArray();
            json.writeStartObject();
            writeNodeHead(json, -1, "default", ROOT_TYPE);
            json.writeName("children");
            json.writeStartArray();
            int top = spec.racks() > 0 ? spec.racks() : spec.hosts();
            for (int index = top - 1; index >= 0; index--) {
                json.writeNumber(spec.racks() > 0 ? rackId(index) : hostId(spec, index));
            }
            json.writeEndArray();
            json.writeEndObject();
            if (spec.racks() > 0) {
                for (int rack = 0; rack < spec.racks(); rack++) {
                    writeRackNode(cluster, rack, json);
                }
            } else {
                for (int host = 0; host < spec.hosts(); host++) {
                    writeHostNode(cluster, host, 2, json);
                }
            }
            json.writeEndArray();
            JsonAnswer.emptyArray(json, "stray");
            json.writeEndObject();
        });
    }

    private static void writeRackNode(SimulatedCluster cluster, int rack, JsonGenerator json) {
        SimulatorSpec spec = cluster.spec();
        json.writeStartObject();
        writeNodeHead(json, rackId(rack), SimulatedCluster.rackName(rack), RACK_TYPE);
        JsonAnswer.emptyObject(json, "pool_weights");
        json.writeName("children");
        json.writeStartArray();
        for (int host = lastHostOfRack(spec, rack); host >= 0; host -= spec.racks()) {
            json.writeNumber(hostId(spec, host));
        }
        json.writeEndArray();
        json.writeEndObject();
        for (int host = rack; host < spec.hosts(); host += spec.racks()) {
            writeHostNode(cluster, host, 3, json);
        }
    }

    private static int lastHostOfRack(SimulatorSpec spec, int rack) {
        int last = rack;
        while (last + spec.racks() < spec.hosts()) {
            last += spec.racks();
        }
        return last;
    }

    private static void writeHostNode(SimulatedCluster cluster, int host, int osdDepth, JsonGenerator json) {
        SimulatorSpec spec = cluster.spec();
        int firstOsd = host * spec.osdsPerHost();
        json.writeStartObject();
        writeNodeHead(json, hostId(spec, host), SimulatedCluster.hostName(host), HOST_TYPE);
        JsonAnswer.emptyObject(json, "pool_weights");
        json.writeName("children");
        json.writeStartArray();
        for (int osd = firstOsd + spec.osdsPerHost() - 1; osd >= firstOsd; osd--) {
            json.writeNumber(osd);
        }
        json.writeEndArray();
        json.writeEndObject();
        for (int osd = firstOsd; osd < firstOsd + spec.osdsPerHost(); osd++) {
            json.writeStartObject();
            json.writeNumberProperty("id", osd);
            json.writeStringProperty("device_class", "hdd");
            json.writeStringProperty("name", "osd." + osd);
            json.writeStringProperty("type", "osd");
            json.writeNumberProperty("type_id", 0);
            JsonAnswer.number(json, "crush_weight", SimulatedCluster.crushWeight() / 65536.0);
            json.writeNumberProperty("depth", osdDepth);
            JsonAnswer.emptyObject(json, "pool_weights");
            json.writeNumberProperty("exists", 1);
            json.writeStringProperty("status", cluster.osdUp(osd) ? "up" : "down");
            JsonAnswer.number(json, "reweight", cluster.osdReweight(osd));
            JsonAnswer.number(json, "primary_affinity", 1);
            json.writeEndObject();
        }
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
            CrushBuckets.write(cluster.spec(), json);
            CrushBuckets.writeRules(json);
            CrushBuckets.writeTunables(json);
            JsonAnswer.emptyObject(json, "choose_args");
            json.writeEndObject();
        });
    }
}
