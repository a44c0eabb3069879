package io.calamari.simulator;

import tools.jackson.core.JsonGenerator;

/** One pool as {@code osd dump} lists it: replicated or erasure-coded, no tiering, no snapshots. Stateless. */
final class PoolJson {
    private PoolJson() {}

    static void write(SimulatedCluster cluster, SimulatedPool pool, JsonGenerator json) {
        json.writeStartObject();
        json.writeNumberProperty("pool", pool.id());
        json.writeStringProperty("pool_name", pool.name());
        json.writeStringProperty("create_time", JsonAnswer.time(pool.createTime()));
        json.writeNumberProperty("flags", pool.flags());
        json.writeStringProperty("flags_names", pool.flagNames());
        json.writeNumberProperty("type", pool.type());
        json.writeNumberProperty("size", pool.size());
        json.writeNumberProperty("min_size", pool.minSize());
        json.writeNumberProperty("crush_rule", pool.crushRule());
        json.writeNumberProperty("peering_crush_bucket_count", 0);
        json.writeNumberProperty("peering_crush_bucket_target", 0);
        json.writeNumberProperty("peering_crush_bucket_barrier", 0);
        json.writeNumberProperty("peering_crush_bucket_mandatory_member", Integer.MAX_VALUE);
        json.writeNumberProperty("object_hash", 2);
        json.writeStringProperty("pg_autoscale_mode", pool.autoscaleMode());
        json.writeNumberProperty("pg_num", pool.pgNum());
        json.writeNumberProperty("pg_placement_num", pool.pgpNum());
        json.writeNumberProperty("pg_placement_num_target", pool.pgpNum());
        json.writeNumberProperty("pg_num_target", pool.pgNum());
        json.writeNumberProperty("pg_num_pending", pool.pgNum());
        json.writeName("last_pg_merge_meta");
        json.writeStartObject();
        json.writeStringProperty("source_pgid", "0.0");
        json.writeNumberProperty("ready_epoch", 0);
        json.writeNumberProperty("last_epoch_started", 0);
        json.writeNumberProperty("last_epoch_clean", 0);
        json.writeStringProperty("source_version", "0'0");
        json.writeStringProperty("target_version", "0'0");
        json.writeEndObject();
        json.writeStringProperty("last_change", String.valueOf(pool.lastChange()));
        json.writeStringProperty("last_force_op_resend", "0");
        json.writeStringProperty("last_force_op_resend_prenautilus", "0");
        json.writeStringProperty("last_force_op_resend_preluminous", "0");
        json.writeNumberProperty("auid", 0);
        json.writeStringProperty("snap_mode", "selfmanaged");
        json.writeNumberProperty("snap_seq", 0);
        json.writeNumberProperty("snap_epoch", 0);
        JsonAnswer.emptyArray(json, "pool_snaps");
        json.writeStringProperty("removed_snaps", "[]");
        json.writeNumberProperty("quota_max_bytes", pool.quotaMaxBytes());
        json.writeNumberProperty("quota_max_objects", pool.quotaMaxObjects());
        JsonAnswer.emptyArray(json, "tiers");
        json.writeNumberProperty("tier_of", -1);
        json.writeNumberProperty("read_tier", -1);
        json.writeNumberProperty("write_tier", -1);
        json.writeStringProperty("cache_mode", "none");
        json.writeNumberProperty("target_max_bytes", 0);
        json.writeNumberProperty("target_max_objects", 0);
        json.writeNumberProperty("cache_target_dirty_ratio_micro", 400000);
        json.writeNumberProperty("cache_target_dirty_high_ratio_micro", 600000);
        json.writeNumberProperty("cache_target_full_ratio_micro", 800000);
        json.writeNumberProperty("cache_min_flush_age", 0);
        json.writeNumberProperty("cache_min_evict_age", 0);
        json.writeStringProperty("erasure_code_profile", pool.erasureCodeProfile());
        json.writeName("hit_set_params");
        json.writeStartObject();
        json.writeStringProperty("type", "none");
        json.writeEndObject();
        json.writeNumberProperty("hit_set_period", 0);
        json.writeNumberProperty("hit_set_count", 0);
        json.writeBooleanProperty("use_gmt_hitset", true);
        json.writeNumberProperty("min_read_recency_for_promote", 0);
        json.writeNumberProperty("min_write_recency_for_promote", 0);
        json.writeNumberProperty("hit_set_grade_decay_rate", 0);
        json.writeNumberProperty("hit_set_search_last_n", 0);
        JsonAnswer.emptyArray(json, "grade_table");
        json.writeNumberProperty("stripe_width", pool.erasure() ? 8192 : 0);
        json.writeNumberProperty("expected_num_objects", 0);
        json.writeBooleanProperty("fast_read", false);
        json.writeName("options");
        json.writeStartObject();
        if (pool.applications().contains("mgr_devicehealth")) {
            // What the manager sets on the pool it creates for itself.
            json.writeNumberProperty("pg_num_max", 32);
            json.writeNumberProperty("pg_num_min", 1);
        }
        if (!pool.compressionMode().isEmpty()) {
            json.writeStringProperty("compression_mode", pool.compressionMode());
        }
        json.writeEndObject();
        json.writeName("application_metadata");
        json.writeStartObject();
        for (String application : pool.applications()) {
            JsonAnswer.emptyObject(json, application);
        }
        json.writeEndObject();
        json.writeEndObject();
    }
}
