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
        int[] byState = new int[PlacementGroupState.values().length];
        for (int pg = 0; pg < cluster.placementGroupCount(); pg++) {
            byState[cluster.placementGroupState(pg).ordinal()]++;
        }
        Capacity capacity = Capacity.of(cluster);
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("fsid", cluster.fsid());
            json.writeName("health");
            writeHealth(checks, false, json);
            json.writeNumberProperty("election_epoch", cluster.electionEpoch());
            json.writeName("quorum");
            json.writeStartArray();
            for (int rank = 0; rank < cluster.spec().mons(); rank++) {
                json.writeNumber(rank);
            }
            json.writeEndArray();
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
                if (byState[state.ordinal()] > 0) {
                    json.writeStartObject();
                    json.writeStringProperty("state_name", state.cephName());
                    json.writeNumberProperty("count", byState[state.ordinal()]);
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
