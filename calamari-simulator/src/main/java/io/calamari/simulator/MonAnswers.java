package io.calamari.simulator;

import io.calamari.ceph.model.ClusterLogLevel;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * The monitors' own answers: {@code mon dump}, {@code quorum_status}, {@code fs dump} and
 * {@code log last}. The quorum is {@link Quorum}'s, led by its lowest rank; no file system exists. Called with
 * the cluster's lock held. Stateless.
 */
final class MonAnswers {
    static final String[] MON_FEATURES = {
        "kraken", "luminous", "mimic", "osdmap-prune", "nautilus", "octopus", "pacific", "elector-pinging"
    };

    private MonAnswers() {}

    /** Starts the monitor map's object and writes its fields; the caller ends it. */
    private static void writeMonMap(SimulatedCluster cluster, JsonGenerator json) {
        int mons = cluster.spec().mons();
        json.writeStartObject();
        json.writeNumberProperty("epoch", cluster.monMapEpoch());
        json.writeStringProperty("fsid", cluster.fsid());
        json.writeStringProperty("modified", JsonAnswer.monMapTime(cluster.created()));
        json.writeStringProperty("created", JsonAnswer.monMapTime(cluster.created()));
        json.writeNumberProperty("min_mon_release", 16);
        json.writeStringProperty("min_mon_release_name", "pacific");
        json.writeNumberProperty("election_strategy", 1);
        json.writeStringProperty("disallowed_leaders: ", "");
        json.writeBooleanProperty("stretch_mode", false);
        json.writeStringProperty("tiebreaker_mon", "");
        json.writeStringProperty("removed_ranks: ", "");
        json.writeName("features");
        json.writeStartObject();
        JsonAnswer.stringArray(json, "persistent", MON_FEATURES);
        JsonAnswer.emptyArray(json, "optional");
        json.writeEndObject();
        json.writeName("mons");
        json.writeStartArray();
        for (int rank = 0; rank < mons; rank++) {
            String host = SimulatedCluster.hostAddress(cluster.monHost(rank));
            json.writeStartObject();
            json.writeNumberProperty("rank", rank);
            json.writeStringProperty("name", SimulatedCluster.monName(rank));
            JsonAnswer.addressVector(json, "public_addrs", host, 3300, 6789, 0);
            json.writeStringProperty("addr", host + ":6789/0");
            json.writeStringProperty("public_addr", host + ":6789/0");
            json.writeNumberProperty("priority", 0);
            json.writeNumberProperty("weight", 0);
            json.writeStringProperty("crush_location", "{}");
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static byte[] monDump(SimulatedCluster cluster) {
        return JsonAnswer.write(json -> {
            writeMonMap(cluster, json);
            writeQuorum(cluster, json);
            json.writeEndObject();
        });
    }

    static void writeQuorum(SimulatedCluster cluster, JsonGenerator json) {
        json.writeName("quorum");
        json.writeStartArray();
        for (int rank : cluster.quorum().ranks()) {
            json.writeNumber(rank);
        }
        json.writeEndArray();
    }

    static byte[] quorumStatus(SimulatedCluster cluster) {
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeNumberProperty("election_epoch", cluster.electionEpoch());
            writeQuorum(cluster, json);
            writeQuorumNames(cluster, json);
            json.writeStringProperty(
                    "quorum_leader_name",
                    SimulatedCluster.monName(cluster.quorum().leader()));
            json.writeNumberProperty("quorum_age", quorumAge(cluster));
            json.writeName("features");
            json.writeStartObject();
            json.writeStringProperty("quorum_con", String.valueOf(OsdMapAnswers.FEATURES));
            JsonAnswer.stringArray(json, "quorum_mon", MON_FEATURES);
            json.writeEndObject();
            json.writeName("monmap");
            writeMonMap(cluster, json);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    static void writeQuorumNames(SimulatedCluster cluster, JsonGenerator json) {
        json.writeName("quorum_names");
        json.writeStartArray();
        for (int rank : cluster.quorum().ranks()) {
            json.writeString(SimulatedCluster.monName(rank));
        }
        json.writeEndArray();
    }

    static long quorumAge(SimulatedCluster cluster) {
        return Math.max(
                0, cluster.clock().instant().getEpochSecond() - cluster.quorum().formedAt());
    }

    static byte[] fsDump(SimulatedCluster cluster) {
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeNumberProperty("epoch", cluster.fsMapEpoch());
            json.writeNumberProperty("default_fscid", -1);
            json.writeName("compat");
            json.writeStartObject();
            JsonAnswer.emptyObject(json, "compat");
            JsonAnswer.emptyObject(json, "ro_compat");
            json.writeName("incompat");
            json.writeStartObject();
            String[] features = {
                "base v0.20",
                "client writeable ranges",
                "default file layouts on dirs",
                "dir inode in separate object",
                "mds uses versioned encoding",
                "dirfrag is stored in omap",
                null,
                "no anchor table",
                "file layout v2",
                "snaprealm v2"
            };
            for (int index = 0; index < features.length; index++) {
                if (features[index] != null) {
                    json.writeStringProperty("feature_" + (index + 1), features[index]);
                }
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeName("feature_flags");
            json.writeStartObject();
            json.writeBooleanProperty("enable_multiple", true);
            json.writeBooleanProperty("ever_enabled_multiple", true);
            json.writeEndObject();
            JsonAnswer.emptyArray(json, "standbys");
            JsonAnswer.emptyArray(json, "filesystems");
            json.writeEndObject();
        });
    }

    static byte[] logLast(SimulatedCluster cluster, int count, ClusterLogLevel level, String channel) {
        List<ClusterLog.Entry> entries = cluster.log().last(count, level, channel);
        return JsonAnswer.write(json -> {
            json.writeStartArray();
            for (ClusterLog.Entry entry : entries) {
                json.writeStartObject();
                json.writeStringProperty("name", entry.name());
                json.writeStringProperty("rank", entry.rank());
                json.writeName("addrs");
                json.writeStartObject();
                json.writeName("addrvec");
                json.writeStartArray();
                JsonAnswer.address(json, "v2", entry.address(), 0);
                json.writeEndArray();
                json.writeEndObject();
                json.writeStringProperty("stamp", JsonAnswer.time(entry.stamp()));
                json.writeNumberProperty("seq", entry.seq());
                json.writeStringProperty("channel", entry.channel());
                json.writeStringProperty("priority", entry.level().priority());
                json.writeStringProperty("message", entry.message());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
