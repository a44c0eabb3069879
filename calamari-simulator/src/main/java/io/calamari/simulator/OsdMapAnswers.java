package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The OSD map's answers: {@code osd dump} and {@code osd stat}, in Pacific's shape. Called with the
 * cluster's lock held. Stateless.
 */
final class OsdMapAnswers {
    static final long FEATURES = 4540138314316775423L;

    private OsdMapAnswers() {}

    static byte[] osdStat(SimulatedCluster cluster) {
        return JsonAnswer.write(256, json -> {
            json.writeStartObject();
            writeStat(cluster, json);
            json.writeEndObject();
        });
    }

    /** The fields {@code osd stat} and the {@code osdmap} of {@code status} share. */
    static void writeStat(SimulatedCluster cluster, JsonGenerator json) {
        int up = 0;
        int in = 0;
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            up += cluster.osdUp(osd) ? 1 : 0;
            in += cluster.osdIn(osd) ? 1 : 0;
        }
        long bootSeconds = SimulatedCluster.ORIGIN.getEpochSecond();
        json.writeNumberProperty("epoch", cluster.osdMapEpoch());
        json.writeNumberProperty("num_osds", cluster.osdCount());
        json.writeNumberProperty("num_up_osds", up);
        json.writeNumberProperty("osd_up_since", bootSeconds + 3);
        json.writeNumberProperty("num_in_osds", in);
        json.writeNumberProperty("osd_in_since", bootSeconds);
        int remapped = 0;
        for (PlacementGroupState state : PlacementGroupState.values()) {
            remapped += state.remapped() ? cluster.placementGroupCount(state) : 0;
        }
        json.writeNumberProperty("num_remapped_pgs", remapped);
    }

    static byte[] osdDump(SimulatedCluster cluster) {
        return JsonAnswer.write(2048 + 2400 * cluster.osdCount(), json -> {
            json.writeStartObject();
            json.writeNumberProperty("epoch", cluster.osdMapEpoch());
            json.writeStringProperty("fsid", cluster.fsid());
            json.writeStringProperty("created", JsonAnswer.time(cluster.created()));
            json.writeStringProperty("modified", JsonAnswer.time(cluster.clock().instant()));
            json.writeStringProperty("last_up_change", JsonAnswer.time(cluster.created()));
            json.writeStringProperty("last_in_change", JsonAnswer.time(cluster.created()));
            json.writeStringProperty("flags", String.join(",", OsdMapFlags.names(cluster.flags())));
            json.writeNumberProperty("flags_num", cluster.flags());
            JsonAnswer.stringArray(json, "flags_set", OsdMapFlags.sortedNames(cluster.flags()));
            json.writeNumberProperty("crush_version", cluster.crushVersion());
            json.writeNumberProperty("full_ratio", 0.949999988079071);
            json.writeNumberProperty("backfillfull_ratio", 0.8999999761581421);
            json.writeNumberProperty("nearfull_ratio", 0.8500000238418579);
            json.writeStringProperty("cluster_snapshot", "");
            json.writeNumberProperty("pool_max", cluster.poolMax());
            json.writeNumberProperty("max_osd", cluster.osdCount());
            json.writeStringProperty("require_min_compat_client", "luminous");
            json.writeStringProperty("min_compat_client", "jewel");
            json.writeStringProperty("require_osd_release", "pacific");
            json.writeName("pools");
            json.writeStartArray();
            for (SimulatedPool pool : cluster.pools()) {
                PoolJson.write(cluster, pool, json);
            }
            json.writeEndArray();
            json.writeName("osds");
            json.writeStartArray();
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                writeOsd(cluster, osd, json);
            }
            json.writeEndArray();
            json.writeName("osd_xinfo");
            json.writeStartArray();
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                writeExtendedInfo(cluster, osd, json);
            }
            json.writeEndArray();
            writeTemporaries(cluster, json);
            writeTail(json);
            json.writeEndObject();
        });
    }

    private static void writeOsd(SimulatedCluster cluster, int osd, JsonGenerator json) {
        boolean up = cluster.osdUp(osd);
        String host = SimulatedCluster.hostAddress(cluster.hostOf(osd));
        int port = cluster.osdBasePort(osd);
        long nonce = cluster.osdNonce(osd);
        int bootEpoch = 3 + osd;
        json.writeStartObject();
        json.writeNumberProperty("osd", osd);
        json.writeStringProperty("uuid", cluster.osdUuid(osd));
        json.writeNumberProperty("up", up ? 1 : 0);
        json.writeNumberProperty("in", cluster.osdIn(osd) ? 1 : 0);
        JsonAnswer.number(json, "weight", cluster.osdReweight(osd));
        JsonAnswer.number(json, "primary_affinity", 1);
        json.writeNumberProperty("last_clean_begin", 0);
        json.writeNumberProperty("last_clean_end", 0);
        json.writeNumberProperty("up_from", bootEpoch);
        json.writeNumberProperty("up_thru", cluster.osdMapEpoch() - 1);
        json.writeNumberProperty("down_at", cluster.osdDownAt(osd));
        json.writeNumberProperty("lost_at", 0);
        JsonAnswer.addressVector(json, "public_addrs", host, port, port + 1, nonce);
        JsonAnswer.addressVector(json, "cluster_addrs", host, port + 2, port + 3, nonce);
        JsonAnswer.addressVector(json, "heartbeat_back_addrs", host, port + 6, port + 7, nonce);
        JsonAnswer.addressVector(json, "heartbeat_front_addrs", host, port + 4, port + 5, nonce);
        json.writeStringProperty("public_addr", host + ":" + (port + 1) + "/" + nonce);
        json.writeStringProperty("cluster_addr", host + ":" + (port + 3) + "/" + nonce);
        json.writeStringProperty("heartbeat_back_addr", host + ":" + (port + 7) + "/" + nonce);
        json.writeStringProperty("heartbeat_front_addr", host + ":" + (port + 5) + "/" + nonce);
        json.writeName("state");
        json.writeStartArray();
        json.writeString("exists");
        if (up) {
            json.writeString("up");
        }
        if (cluster.osdAutoOut(osd)) {
            json.writeString("autoout");
        }
        int fullness = cluster.usage().fullness(osd);
        if (fullness != OsdUsage.NOT_FULL) {
            json.writeString(new String[] {"", "nearfull", "backfillfull", "full"}[fullness]);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeExtendedInfo(SimulatedCluster cluster, int osd, JsonGenerator json) {
        json.writeStartObject();
        json.writeNumberProperty("osd", osd);
        json.writeStringProperty("down_stamp", "0.000000");
        JsonAnswer.number(json, "laggy_probability", 0);
        json.writeNumberProperty("laggy_interval", 0);
        json.writeNumberProperty("features", FEATURES);
        JsonAnswer.number(json, "old_weight", 0);
        json.writeStringProperty("last_purged_snaps_scrub", JsonAnswer.time(cluster.created()));
        json.writeNumberProperty("dead_epoch", 0);
        json.writeEndObject();
    }

    /** {@code pg_upmap}, {@code pg_upmap_items} (none) and {@code pg_temp}: the acting sets (OSDs up) of PGs that backfill. */
    private static void writeTemporaries(SimulatedCluster cluster, JsonGenerator json) {
        JsonAnswer.emptyArray(json, "pg_upmap");
        JsonAnswer.emptyArray(json, "pg_upmap_items");
        json.writeName("pg_temp");
        json.writeStartArray();
        java.util.BitSet troubled = cluster.troubled();
        for (SimulatedPool pool : cluster.pools()) {
            int end = pool.firstPlacementGroup() + pool.pgNum();
            for (int pg = troubled.nextSetBit(pool.firstPlacementGroup());
                    pg >= 0 && pg < end;
                    pg = troubled.nextSetBit(pg + 1)) {
                if (!cluster.placementGroupState(pg).remapped()) {
                    continue;
                }
                int index = pg - pool.firstPlacementGroup();
                json.writeStartObject();
                json.writeStringProperty("pgid", SimulatedPool.placementGroupId(pool.id(), index));
                json.writeName("osds");
                json.writeStartArray();
                for (int copy = 0; copy < pool.copies(); copy++) {
                    int osd = cluster.actingOsd(pool, index, copy);
                    if (cluster.osdUp(osd)) {
                        json.writeNumber(osd);
                    }
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }

    private static void writeTail(JsonGenerator json) {
        JsonAnswer.emptyArray(json, "primary_temp");
        JsonAnswer.emptyObject(json, "blocklist");
        JsonAnswer.emptyObject(json, "range_blocklist");
        json.writeName("erasure_code_profiles");
        json.writeStartObject();
        json.writeName("default");
        json.writeStartObject();
        json.writeStringProperty("k", "2");
        json.writeStringProperty("m", "2");
        json.writeStringProperty("plugin", "jerasure");
        json.writeStringProperty("technique", "reed_sol_van");
        json.writeEndObject();
        json.writeEndObject();
        for (String name : new String[] {"removed_snaps_queue", "new_removed_snaps", "new_purged_snaps"}) {
            JsonAnswer.emptyArray(json, name);
        }
        JsonAnswer.emptyObject(json, "crush_node_flags");
        JsonAnswer.emptyObject(json, "device_class_flags");
        json.writeName("stretch_mode");
        json.writeStartObject();
        json.writeBooleanProperty("stretch_mode_enabled", false);
        json.writeNumberProperty("stretch_bucket_count", 0);
        json.writeNumberProperty("degraded_stretch_mode", 0);
        json.writeNumberProperty("recovering_stretch_mode", 0);
        json.writeNumberProperty("stretch_mode_bucket", 0);
        json.writeEndObject();
    }
}
