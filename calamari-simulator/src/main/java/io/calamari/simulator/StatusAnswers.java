package io.calamari.simulator;

import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * {@code status} and {@code health detail}: the cluster's summary, with health computed from its
 * state and PG counts by state. Called with the cluster's lock held. Stateless.
 */
final class StatusAnswers {
    private StatusAnswers() {}

    static byte[] healthDetail(SimulatedCluster cluster) {
        List<HealthChecks.Check> checks = HealthChecks.of(cluster);
        return JsonAnswer.write(json -> writeHealth(checks, true, json));
    }

    private static void writeHealth(List<HealthChecks.Check> checks, boolean detail, JsonGenerator json) {
        json.writeStartObject();
        json.writeStringProperty("status", HealthChecks.status(checks));
        json.writeName("checks");
        json.writeStartObject();
        for (HealthChecks.Check check : checks) {
            json.writeName(check.code());
            json.writeStartObject();
            json.writeStringProperty("severity", check.severity());
            json.writeName("summary");
            json.writeStartObject();
            json.writeStringProperty("message", check.message());
            json.writeNumberProperty("count", check.count());
            json.writeEndObject();
            if (detail) {
                json.writeName("detail");
                json.writeStartArray();
                for (String line : check.detail()) {
                    json.writeStartObject();
                    json.writeStringProperty("message", line);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeBooleanProperty("muted", false);
            json.writeEndObject();
        }
        json.writeEndObject();
        JsonAnswer.emptyArray(json, "mutes");
        json.writeEndObject();
    }

    static byte[] status(SimulatedCluster cluster) {
        List<HealthChecks.Check> checks = HealthChecks.of(cluster);
        Capacity capacity = Capacity.of(cluster);
        RecoverySummary recovery = RecoverySummary.of(cluster);
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("fsid", cluster.fsid());
            json.writeName("health");
            writeHealth(checks, false, json);
            json.writeNumberProperty("election_epoch", cluster.electionEpoch());
            MonAnswers.writeQuorum(cluster, json);
            MonAnswers.writeQuorumNames(cluster, json);
            json.writeNumberProperty("quorum_age", MonAnswers.quorumAge(cluster));
            json.writeName("monmap");
            json.writeStartObject();
            json.writeNumberProperty("epoch", cluster.monMapEpoch());
            json.writeStringProperty("min_mon_release_name", "pacific");
            json.writeNumberProperty("num_mons", cluster.spec().mons());
            json.writeEndObject();
            json.writeName("osdmap");
            json.writeStartObject();
            OsdMapAnswers.writeStat(cluster, json);
            json.writeEndObject();
            json.writeName("pgmap");
            json.writeStartObject();
            json.writeName("pgs_by_state");
            json.writeStartArray();
            for (PlacementGroupState state : PlacementGroupState.values()) {
                if (cluster.placementGroupCount(state) > 0) {
                    json.writeStartObject();
                    json.writeStringProperty("state_name", state.cephName());
                    json.writeNumberProperty("count", cluster.placementGroupCount(state));
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeNumberProperty("num_pgs", cluster.placementGroupCount());
            json.writeNumberProperty("num_pools", cluster.pools().size());
            json.writeNumberProperty("num_objects", capacity.objects());
            json.writeNumberProperty("data_bytes", capacity.storedBytes());
            json.writeNumberProperty("bytes_used", capacity.usedBytes());
            json.writeNumberProperty("bytes_avail", capacity.totalBytes() - capacity.usedBytes());
            json.writeNumberProperty("bytes_total", capacity.totalBytes());
            writeRatesAndRecovery(cluster, recovery, json);
            json.writeEndObject();
            json.writeName("fsmap");
            json.writeStartObject();
            json.writeNumberProperty("epoch", cluster.fsMapEpoch());
            JsonAnswer.emptyArray(json, "by_rank");
            json.writeNumberProperty("up:standby", 0);
            json.writeEndObject();
            json.writeName("mgrmap");
            json.writeStartObject();
            json.writeBooleanProperty("available", true);
            json.writeNumberProperty("num_standbys", 0);
            JsonAnswer.stringArray(json, "modules", "iostat");
            JsonAnswer.emptyObject(json, "services");
            json.writeEndObject();
            json.writeName("servicemap");
            json.writeStartObject();
            json.writeNumberProperty("epoch", 1);
            json.writeStringProperty("modified", JsonAnswer.time(cluster.created()));
            JsonAnswer.emptyObject(json, "services");
            json.writeEndObject();
            JsonAnswer.emptyObject(json, "progress_events");
            json.writeEndObject();
        });
    }

    /** What Pacific adds to {@code pgmap} when it is not zero: recovery, its rate, and client IO, summed over the pools. */
    private static void writeRatesAndRecovery(SimulatedCluster cluster, RecoverySummary recovery, JsonGenerator json) {
        PoolStatsAnswers.writeRecovery(
                json,
                RecoverySummary.sum(recovery.degradedObjects()),
                RecoverySummary.sum(recovery.misplacedObjects()),
                RecoverySummary.sum(recovery.objectCopies()));
        long[] sums = new long[6];
        for (SimulatedPool pool : cluster.pools()) {
            sums[0] += pool.recoveredBytesPerSecond();
            sums[1] += pool.recoveredObjectsPerSecond();
            sums[2] += pool.readOpsPerSecond();
            sums[3] += pool.readBytesPerSecond();
            sums[4] += pool.writeOpsPerSecond();
            sums[5] += pool.writeBytesPerSecond();
        }
        PoolStatsAnswers.writeRecoveryRate(json, sums[0], sums[1]);
        PoolStatsAnswers.writeClientIo(json, sums[2], sums[3], sums[4], sums[5]);
        int inactive = 0;
        for (PlacementGroupState state : PlacementGroupState.values()) {
            inactive += state.active() ? 0 : cluster.placementGroupCount(state);
        }
        if (inactive > 0) {
            JsonAnswer.number(json, "inactive_pgs_ratio", (double) inactive / cluster.placementGroupCount());
        }
    }

    /** The cluster's space and objects, summed over OSDs and pools. */
    record Capacity(long totalBytes, long usedBytes, long storedBytes, long objects) {
        static Capacity of(SimulatedCluster cluster) {
            long used = 0;
            for (int osd = 0; osd < cluster.osdCount(); osd++) {
                used += cluster.osdUsedBytes(osd);
            }
            long stored = 0;
            long objects = 0;
            for (SimulatedPool pool : cluster.pools()) {
                stored += pool.storedBytes();
                objects += pool.objects();
            }
            return new Capacity(cluster.osdCount() * SimulatedCluster.OSD_BYTES, used, stored, objects);
        }
    }
}
