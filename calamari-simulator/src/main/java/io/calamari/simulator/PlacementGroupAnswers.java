package io.calamari.simulator;

import io.calamari.ceph.rados.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * The manager's statistics: {@code pg dump pgs_brief} and {@code pg ls}, streamed PG by PG from
 * the cluster's arrays, and {@code df detail}. Down OSDs drop out of a PG's {@code up} and {@code acting} sets;
 * while a PG backfills, {@code acting} keeps the OSDs its data is on and {@code up} shows where it goes.
 * Called with the cluster's lock held. Stateless.
 */
final class PlacementGroupAnswers {
    private PlacementGroupAnswers() {}

    /** What the manager has written of its answer when it refuses a state or a pool. */
    private static final byte[] PG_READY = "{\"pg_ready\":true}".getBytes(StandardCharsets.UTF_8);

    /** Ceph's list of choices in its refusal, in the order of its state bits. */
    private static final List<String> CHOICES = List.of(
            "stale",
            "creating",
            "active",
            "activating",
            "clean",
            "recovery_wait",
            "recovery_toofull",
            "recovering",
            "forced_recovery",
            "down",
            "recovery_unfound",
            "backfill_unfound",
            "undersized",
            "degraded",
            "remapped",
            "premerge",
            "scrubbing",
            "deep",
            "inconsistent",
            "peering",
            "repair",
            "backfill_wait",
            "backfilling",
            "forced_backfill",
            "backfill_toofull",
            "incomplete",
            "peered",
            "snaptrim",
            "snaptrim_wait",
            "snaptrim_error");

    /** The states {@code pg ls} accepts: those of its refusal's list, four more, and {@code all}. */
    private static final Set<String> STATE_NAMES =
            union(CHOICES, List.of("unknown", "failed_repair", "laggy", "wait", "all"));

    private static Set<String> union(List<String> first, List<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return Set.copyOf(union);
    }

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

    /**
     * {@code pg ls [pool] [states...]}: the PGs (of the pool) having any of the states (or all),
     * with the whole {@code pg_stat} entry as the manager prints it; no {@code pg_stats} at all when
     * none matches. Ceph's refusals: an unknown state ({@code EINVAL}), an unknown pool ({@code ENOENT}).
     */
    static CommandResult pgLs(SimulatedCluster cluster, Map<String, Object> arguments) {
        Set<String> wanted = new HashSet<>();
        Object states = arguments.get("states");
        for (Object state : states instanceof List<?> list ? list : states == null ? List.of() : List.of(states)) {
            String name = String.valueOf(state);
            if (!STATE_NAMES.contains(name)) {
                return new CommandResult(
                        -22,
                        PG_READY.clone(),
                        "'" + name + "' is not a valid pg state, available choices: " + String.join("+", CHOICES));
            }
            wanted.add(name);
        }
        boolean everyState = wanted.isEmpty() || wanted.contains("all");
        Object poolArgument = arguments.get("pool");
        int poolId = poolArgument == null ? -1 : Integer.parseInt(String.valueOf(poolArgument));
        if (poolId >= 0 && cluster.pools().stream().noneMatch(pool -> pool.id() == poolId)) {
            return new CommandResult(-2, PG_READY.clone(), "pool " + poolId + " does not exist");
        }
        byte[] answer = JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("pg_ready", true);
            boolean any = false;
            for (SimulatedPool pool : cluster.pools()) {
                if (poolId >= 0 && pool.id() != poolId) {
                    continue;
                }
                for (int index = 0; index < pool.pgNum(); index++) {
                    PlacementGroupState state = cluster.placementGroupState(pool.firstPlacementGroup() + index);
                    if (everyState || matches(state, wanted)) {
                        if (!any) {
                            json.writeName("pg_stats");
                            json.writeStartArray();
                            any = true;
                        }
                        writeStat(cluster, pool, index, state, json);
                    }
                }
            }
            if (any) {
                json.writeEndArray();
            }
            json.writeEndObject();
        });
        return new CommandResult(0, answer, "");
    }

    private static boolean matches(PlacementGroupState state, Set<String> wanted) {
        for (String part : state.cephName().split("\\+")) {
            if (wanted.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** One {@code pg_stat_t} as {@code pg ls} prints it, with the keys and types of Pacific's. */
    private static void writeStat(
            SimulatedCluster cluster, SimulatedPool pool, int index, PlacementGroupState state, JsonGenerator json) {
        String now = JsonAnswer.time(cluster.clock().instant());
        String created = JsonAnswer.time(pool.createTime());
        int epoch = cluster.osdMapEpoch();
        long objects = pool.objects() / pool.pgNum();
        long bytes = pool.storedBytes() / pool.pgNum();
        json.writeStartObject();
        json.writeStringProperty("pgid", SimulatedPool.placementGroupId(pool.id(), index));
        json.writeStringProperty("version", epoch + "'" + objects);
        json.writeNumberProperty("reported_seq", objects + epoch);
        json.writeNumberProperty("reported_epoch", epoch);
        json.writeStringProperty("state", state.cephName());
        for (String stamp : List.of(
                "last_fresh",
                "last_change",
                "last_active",
                "last_peered",
                "last_clean",
                "last_became_active",
                "last_became_peered",
                "last_unstale",
                "last_undegraded",
                "last_fullsized")) {
            json.writeStringProperty(stamp, state.clean() || stamp.equals("last_fresh") ? now : created);
        }
        json.writeNumberProperty("mapping_epoch", pool.lastChange());
        json.writeStringProperty("log_start", "0'0");
        json.writeStringProperty("ondisk_log_start", "0'0");
        json.writeNumberProperty("created", pool.lastChange());
        json.writeNumberProperty("last_epoch_clean", state.clean() ? epoch : pool.lastChange());
        json.writeStringProperty("parent", "0.0");
        json.writeNumberProperty("parent_split_bits", 0);
        json.writeStringProperty("last_scrub", "0'0");
        json.writeStringProperty("last_scrub_stamp", created);
        json.writeStringProperty("last_deep_scrub", "0'0");
        json.writeStringProperty("last_deep_scrub_stamp", created);
        json.writeStringProperty("last_clean_scrub_stamp", created);
        json.writeNumberProperty("log_size", Math.min(objects, 3000));
        json.writeNumberProperty("ondisk_log_size", Math.min(objects, 3000));
        for (String flag : List.of(
                "stats_invalid",
                "dirty_stats_invalid",
                "omap_stats_invalid",
                "hitset_stats_invalid",
                "hitset_bytes_stats_invalid",
                "pin_stats_invalid",
                "manifest_stats_invalid")) {
            json.writeBooleanProperty(flag, false);
        }
        json.writeNumberProperty("snaptrimq_len", 0);
        writeStatSum(json, pool, state, objects, bytes);
        int upPrimary = writeOsds(cluster, pool, index, false, "up", json);
        int actingPrimary = writeOsds(cluster, pool, index, true, "acting", json);
        for (String list : List.of("avail_no_missing", "object_location_counts", "blocked_by")) {
            json.writeName(list);
            json.writeStartArray();
            json.writeEndArray();
        }
        json.writeNumberProperty("up_primary", upPrimary);
        json.writeNumberProperty("acting_primary", actingPrimary);
        json.writeName("purged_snaps");
        json.writeStartArray();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeStatSum(
            JsonGenerator json, SimulatedPool pool, PlacementGroupState state, long objects, long bytes) {
        long degraded = state.degraded() ? objects : 0;
        long misplaced = state.remapped() && !state.degraded() ? objects : 0;
        json.writeName("stat_sum");
        json.writeStartObject();
        json.writeNumberProperty("num_bytes", bytes);
        json.writeNumberProperty("num_objects", objects);
        json.writeNumberProperty("num_object_clones", 0);
        json.writeNumberProperty("num_object_copies", objects * pool.size());
        json.writeNumberProperty("num_objects_missing_on_primary", 0);
        json.writeNumberProperty("num_objects_missing", 0);
        json.writeNumberProperty("num_objects_degraded", degraded);
        json.writeNumberProperty("num_objects_misplaced", misplaced);
        for (String counter : List.of("num_objects_unfound", "num_objects_dirty", "num_whiteouts")) {
            json.writeNumberProperty(counter, counter.equals("num_objects_dirty") ? objects : 0);
        }
        json.writeNumberProperty("num_read", pool.readOps() / pool.pgNum());
        json.writeNumberProperty("num_read_kb", pool.readBytes() / pool.pgNum() / 1024);
        json.writeNumberProperty("num_write", pool.writeOps() / pool.pgNum());
        json.writeNumberProperty("num_write_kb", pool.writeBytes() / pool.pgNum() / 1024);
        for (String counter : List.of(
                "num_scrub_errors",
                "num_shallow_scrub_errors",
                "num_deep_scrub_errors",
                "num_objects_recovered",
                "num_bytes_recovered",
                "num_keys_recovered",
                "num_objects_omap",
                "num_objects_hit_set_archive",
                "num_bytes_hit_set_archive",
                "num_flush",
                "num_flush_kb",
                "num_evict",
                "num_evict_kb",
                "num_promote",
                "num_flush_mode_high",
                "num_flush_mode_low",
                "num_evict_mode_some",
                "num_evict_mode_full",
                "num_objects_pinned",
                "num_legacy_snapsets",
                "num_large_omap_objects",
                "num_objects_manifest",
                "num_omap_bytes",
                "num_omap_keys",
                "num_objects_repaired")) {
            json.writeNumberProperty(counter, 0);
        }
        json.writeEndObject();
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
