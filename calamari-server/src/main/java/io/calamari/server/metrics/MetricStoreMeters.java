package io.calamari.server.metrics;

import io.calamari.tsdb.TimeSeriesStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metric store's own figures in {@code /metrics}: series, points written and dropped as too
 * old, partitions and their bytes, level-0 files awaiting compaction (writers wait at six). Read
 * from the store's counters at scrape time. Stateless.
 */
public final class MetricStoreMeters {
    private MetricStoreMeters() {}

    public static void bind(TimeSeriesStore store, MeterRegistry registry) {
        Gauge.builder("calamari_tsdb_series", store, s -> s.stats().series())
                .description("Series known to the metric store")
                .register(registry);
        FunctionCounter.builder(
                        "calamari_tsdb_points_written", store, s -> s.stats().pointsWritten())
                .description("Points written into the metric store since the server started (replayed ones included)")
                .register(registry);
        FunctionCounter.builder(
                        "calamari_tsdb_points_too_old", store, s -> s.stats().pointsTooOld())
                .description("Points dropped because they were older than their series' longest retention")
                .register(registry);
        Gauge.builder("calamari_tsdb_partitions", store, s -> s.stats().partitions())
                .description("Immutable time partitions of the metric store")
                .register(registry);
        Gauge.builder("calamari_tsdb_partition_bytes", store, s -> s.stats().partitionBytes())
                .description("Bytes in the metric store's partitions")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder(
                        "calamari_tsdb_pending_level0_files",
                        store,
                        s -> s.stats().pendingLevel0())
                .description("Level-0 files waiting for compaction; writers wait while there are six")
                .register(registry);
    }
}
