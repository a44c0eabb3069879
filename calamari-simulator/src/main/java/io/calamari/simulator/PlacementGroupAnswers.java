package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/**
 * The manager's statistics: {@code pg dump pgs_brief}, streamed PG by PG from the cluster's
 * arrays, and {@code df detail}. Down OSDs drop out of a PG's {@code up} and {@code acting} sets;
 * while a PG backfills, {@code acting} keeps the OSDs its data is on and {@code up} shows where it goes.
 * Called with the cluster's lock held. Stateless.
 */
final class PlacementGroupAnswers {
    private PlacementGroupAnswers() {}

    static byte[] pgDumpBrief(SimulatedCluster cluster) {
        return JsonAnswer.write(64 + 110 * cluster.placementGroupCount(), json -> {
            json.writeStartObject();
            json.writeBooleanProperty("pg_ready", true);
            json.writeName("pg_stats");
            json.writeStartArray();
            for (SimulatedPool pool : cluster.pools()) {
                for (int index = 0; index < pool.pgNum(); index++) {
                    writePlacementGroup(cluster, pool, index, json);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writePlacementGroup(
            SimulatedCluster cluster, SimulatedPool pool, int index, JsonGenerator json) {
        int pg = pool.firstPlacementGroup() + index;
        json.writeStartObject();
        json.writeStringProperty("pgid", SimulatedPool.placementGroupId(pool.id(), index));
        json.writeStringProperty("state", cluster.placementGroupState(pg).cephName());
        int upPrimary = writeOsds(cluster, pool, index, false, "up", json);
        int actingPrimary = writeOsds(cluster, pool, index, true, "acting", json);
        json.writeNumberProperty("up_primary", upPrimary);
        json.writeNumberProperty("acting_primary", actingPrimary);
        json.writeEndObject();
    }

    /** The up or acting set's OSDs that are up; returns the first (the primary), or -1. */
    private static int writeOsds(
            SimulatedCluster cluster, SimulatedPool pool, int index, boolean acting, String name, JsonGenerator json) {
        int primary = -1;
        json.writeName(name);
        json.writeStartArray();
        for (int copy = 0; copy < pool.copies(); copy++) {
            int osd = acting ? cluster.actingOsd(pool, index, copy) : cluster.placementGroupOsd(pool, index, copy);
            if (cluster.osdUp(osd)) {
                json.writeNumber(osd);
                primary = primary < 0 ? osd : primary;
            }
        }
        json.writeEndArray();
        return primary;
    }

    static byte[] dfDetail(SimulatedCluster cluster) {
        StatusAnswers.Capacity capacity = StatusAnswers.Capacity.of(cluster);
        long available = capacity.totalBytes() - capacity.usedBytes();
        double usedRatio = (double) capacity.usedBytes() / capacity.totalBytes();
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeName("stats");
            json.writeStartObject();
            writeTotals(json, capacity, available, usedRatio);
            json.writeNumberProperty("num_osds", cluster.osdCount());
            json.writeNumberProperty("num_per_pool_osds", cluster.osdCount());
            json.writeNumberProperty("num_per_pool_omap_osds", cluster.osdCount());
            json.writeEndObject();
            json.writeName("stats_by_class");
            json.writeStartObject();
            json.writeName("hdd");
            json.writeStartObject();
            writeTotals(json, capacity, available, usedRatio);
            json.writeEndObject();
            json.writeEndObject();
            json.writeName("pools");
            json.writeStartArray();
            for (SimulatedPool pool : cluster.pools()) {
                writePool(json, pool, available);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeTotals(
            JsonGenerator json, StatusAnswers.Capacity capacity, long available, double usedRatio) {
        json.writeNumberProperty("total_bytes", capacity.totalBytes());
        json.writeNumberProperty("total_avail_bytes", available);
        json.writeNumberProperty("total_used_bytes", capacity.usedBytes());
        json.writeNumberProperty("total_used_raw_bytes", capacity.usedBytes());
        JsonAnswer.number(json, "total_used_raw_ratio", usedRatio);
    }

    private static void writePool(JsonGenerator json, SimulatedPool pool, long clusterAvailable) {
        long used = pool.storedBytes() * pool.size();
        // What Ceph projects for the pool: the free space up to the full ratio, divided by the copies.
        long maxAvailable = (long) (clusterAvailable * 0.95) / pool.size();
        json.writeStartObject();
        json.writeStringProperty("name", pool.name());
        json.writeNumberProperty("id", pool.id());
        json.writeName("stats");
        json.writeStartObject();
        json.writeNumberProperty("stored", pool.storedBytes());
        json.writeNumberProperty("stored_data", pool.storedBytes());
        json.writeNumberProperty("stored_omap", 0);
        json.writeNumberProperty("objects", pool.objects());
        json.writeNumberProperty("kb_used", used / 1024);
        json.writeNumberProperty("bytes_used", used);
        json.writeNumberProperty("data_bytes_used", used);
        json.writeNumberProperty("omap_bytes_used", 0);
        JsonAnswer.number(json, "percent_used", used == 0 ? 0 : (double) used / (used + maxAvailable * pool.size()));
        json.writeNumberProperty("max_avail", maxAvailable);
        json.writeNumberProperty("quota_objects", 0);
        json.writeNumberProperty("quota_bytes", 0);
        json.writeNumberProperty("dirty", pool.objects());
        json.writeNumberProperty("rd", pool.readOps());
        json.writeNumberProperty("rd_bytes", pool.readBytes());
        json.writeNumberProperty("wr", pool.writeOps());
        json.writeNumberProperty("wr_bytes", pool.writeBytes());
        json.writeNumberProperty("compress_bytes_used", 0);
        json.writeNumberProperty("compress_under_bytes", 0);
        json.writeNumberProperty("stored_raw", used);
        json.writeNumberProperty("avail_raw", maxAvailable * pool.size());
        json.writeEndObject();
        json.writeEndObject();
    }
}
