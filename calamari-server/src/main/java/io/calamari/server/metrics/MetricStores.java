package io.calamari.server.metrics;

import io.calamari.server.config.ServerConfig;
import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens the server's metric store in {@code <data directory>/metrics}. Carbon's {@code
 * storage-schemas.conf} and {@code storage-aggregation.conf} are read from the data directory when
 * present, otherwise the built-in ones apply (10 s for a day, 1 min for 30 days, 1 h for two years;
 * average with xFilesFactor 0.1, so that senders every 60 s still fill the coarser tiers).
 */
public final class MetricStores {
    static final String SCHEMAS_FILE = "storage-schemas.conf";
    static final String AGGREGATION_FILE = "storage-aggregation.conf";

    private MetricStores() {}

    public static TimeSeriesStore open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, ServerConfig.DEFAULT_METRICS_SYNC_INTERVAL, clock);
    }

    /** As {@link #open(Path, Clock)}, syncing the write-ahead log every {@code syncInterval}. */
    public static TimeSeriesStore open(Path dataDirectory, Duration syncInterval, Clock clock) {
        StorageSchemas schemas = StorageSchemas.parse(read(dataDirectory, SCHEMAS_FILE));
        StorageAggregation aggregation = StorageAggregation.parse(read(dataDirectory, AGGREGATION_FILE));
        return TimeSeriesStore.open(TsdbConfig.of(dataDirectory.resolve("metrics"), schemas, aggregation, clock)
                .withSyncInterval(syncInterval));
    }

    private static String read(Path dataDirectory, String name) {
        Path file = dataDirectory.resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream builtIn = MetricStores.class.getResourceAsStream("/metrics/" + name)) {
                if (builtIn == null) {
                    throw new IllegalStateException("built-in " + name + " is missing from the build");
                }
                return new String(builtIn.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
