package io.calamari.simulator;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * {@code osd pool stats}, and the recovery and IO fields it shares with {@code status}'s
 * {@code pgmap}, as Pacific's manager writes them: each group of fields only when its numbers are
 * not zero (an idle pool's {@code recovery}, {@code recovery_rate} and {@code client_io_rate} are
 * empty objects). Called with the cluster's lock held. Stateless.
 */
final class PoolStatsAnswers {
    private PoolStatsAnswers() {}

    /** Every pool's stats, or the one named {@code poolName}, in pool order. */
    static byte[] poolStats(SimulatedCluster cluster, @Nullable String poolName) {
        RecoverySummary summary = RecoverySummary.of(cluster);
        List<SimulatedPool> pools = cluster.pools();
        return JsonAnswer.write(json -> {
            json.writeStartArray();
            for (int number = 0; number < pools.size(); number++) {
                SimulatedPool pool = pools.get(number);
                if (poolName != null && !pool.name().equals(poolName)) {
                    continue;
                }
                json.writeStartObject();
                json.writeStringProperty("pool_name", pool.name());
                json.writeNumberProperty("pool_id", pool.id());
                json.writeName("recovery");
                json.writeStartObject();
                writeRecovery(
                        json,
                        summary.degradedObjects()[number],
                        summary.misplacedObjects()[number],
                        summary.objectCopies()[number]);
                json.writeEndObject();
                json.writeName("recovery_rate");
                json.writeStartObject();
                writeRecoveryRate(json, pool.recoveredBytesPerSecond(), pool.recoveredObjectsPerSecond());
                json.writeEndObject();
                json.writeName("client_io_rate");
                json.writeStartObject();
                writeClientIo(
                        json,
                        pool.readOpsPerSecond(),
                        pool.readBytesPerSecond(),
                        pool.writeOpsPerSecond(),
                        pool.writeBytesPerSecond());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** {@code degraded_*} and {@code misplaced_*}, each only when some objects are so. */
    static void writeRecovery(JsonGenerator json, long degraded, long misplaced, long objectCopies) {
        if (degraded > 0 && objectCopies > 0) {
            json.writeNumberProperty("degraded_objects", degraded);
            json.writeNumberProperty("degraded_total", objectCopies);
            JsonAnswer.number(json, "degraded_ratio", (double) degraded / objectCopies);
        }
        if (misplaced > 0 && objectCopies > 0) {
            json.writeNumberProperty("misplaced_objects", misplaced);
            json.writeNumberProperty("misplaced_total", objectCopies);
            JsonAnswer.number(json, "misplaced_ratio", (double) misplaced / objectCopies);
        }
    }

    /** The recovery rate over the last second (one stats period), only when something was recovered. */
    static void writeRecoveryRate(JsonGenerator json, long bytesPerSecond, long objectsPerSecond) {
        if (bytesPerSecond > 0 || objectsPerSecond > 0) {
            json.writeNumberProperty("recovering_objects_per_sec", objectsPerSecond);
            json.writeNumberProperty("recovering_bytes_per_sec", bytesPerSecond);
            json.writeNumberProperty("recovering_keys_per_sec", 0);
            json.writeNumberProperty("num_objects_recovered", objectsPerSecond);
            json.writeNumberProperty("num_bytes_recovered", bytesPerSecond);
            json.writeNumberProperty("num_keys_recovered", 0);
        }
    }

    /** Client IO over the last second: the byte rates of reads and writes that happened, then both op rates. */
    static void writeClientIo(JsonGenerator json, long readOps, long readBytes, long writeOps, long writeBytes) {
        if (readOps == 0 && writeOps == 0) {
            return;
        }
        if (readOps > 0) {
            json.writeNumberProperty("read_bytes_sec", readBytes);
        }
        if (writeOps > 0) {
            json.writeNumberProperty("write_bytes_sec", writeBytes);
        }
        json.writeNumberProperty("read_op_per_sec", readOps);
        json.writeNumberProperty("write_op_per_sec", writeOps);
    }
}
