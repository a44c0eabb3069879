package io.calamari.simulator;

/**
 * The manager's {@code osd perf}: every OSD's commit and apply latency, Pacific's layout
 * ({@code pg_ready} and {@code osdstats.osd_perf_infos}, highest id first as the lab cluster
 * listed them). Up OSDs have a latency of a few milliseconds that drifts with the clock, seeded
 * by the OSD's id, apply a little below commit; a down OSD keeps reporting 0, as a fresh one does.
 * Stateless.
 */
final class OsdPerfAnswers {
    private OsdPerfAnswers() {}

    static byte[] osdPerf(SimulatedCluster cluster) {
        long second = cluster.second();
        return JsonAnswer.write(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("pg_ready", true);
            json.writeName("osdstats");
            json.writeStartObject();
            json.writeName("osd_perf_infos");
            json.writeStartArray();
            for (int osd = cluster.osdCount() - 1; osd >= 0; osd--) {
                long commitNanos = cluster.osdUp(osd) ? latencyNanos(osd, second) : 0;
                long applyNanos = commitNanos * 4 / 5;
                json.writeStartObject();
                json.writeNumberProperty("id", osd);
                json.writeName("perf_stats");
                json.writeStartObject();
                json.writeNumberProperty("commit_latency_ms", commitNanos / 1_000_000);
                json.writeNumberProperty("apply_latency_ms", applyNanos / 1_000_000);
                json.writeNumberProperty("commit_latency_ns", commitNanos);
                json.writeNumberProperty("apply_latency_ns", applyNanos);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** 2 to 9 ms, a slow wave per OSD. */
    private static long latencyNanos(int osd, long second) {
        double base = 2 + (Hashing.mix(osd) & 0xff) / 64.0;
        double wave = 1.5 * (1 + Math.sin(second / 300.0 + osd));
        return (long) ((base + wave) * 1_000_000);
    }
}
