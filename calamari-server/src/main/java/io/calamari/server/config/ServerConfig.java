package io.calamari.server.config;

import static java.util.Objects.requireNonNull;

import io.calamari.server.db.DatabaseConfig;
import io.calamari.simulator.SimulatorSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the server is started with, resolved from options, environment and config file. With
 * {@code demo} present, the server monitors a simulated cluster of that size instead of
 * {@code cephClusters} (then empty). The carbon listeners bind to {@code bindAddress} too. The metric
 * store syncs its write-ahead log every {@code metricsSyncInterval}: the most a lost machine loses.
 */
public record ServerConfig(
        Path dataDirectory,
        String bindAddress,
        int httpPort,
        DatabaseConfig database,
        List<CephClusterConfig> cephClusters,
        Duration sessionIdleTimeout,
        Duration requestTimeout,
        Retention retention,
        Optional<SimulatorSpec> demo,
        CarbonConfig carbon,
        Duration metricsSyncInterval) {
    /** How often the metric store's write-ahead log is synced to disk, unless configured. */
    public static final Duration DEFAULT_METRICS_SYNC_INTERVAL = Duration.ofSeconds(1);

    /** How long a management request may take, from acceptance to completion, unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    public ServerConfig {
        requireNonNull(dataDirectory, "dataDirectory");
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(database, "database");
        cephClusters = List.copyOf(cephClusters);
        requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        requireNonNull(requestTimeout, "requestTimeout");
        requireNonNull(retention, "retention");
        requireNonNull(demo, "demo");
        requireNonNull(carbon, "carbon");
        if (metricsSyncInterval.isNegative() || metricsSyncInterval.isZero()) {
            throw new IllegalArgumentException("metricsSyncInterval must be positive");
        }
    }

    /**
     * Embedded defaults in {@code dataDirectory}: SQLite, loopback, any free port when 0, no carbon
     * listeners (so that test servers side by side never contend for port 2003).
     */
    public static ServerConfig defaults(Path dataDirectory, int httpPort) {
        return new ServerConfig(
                dataDirectory,
                "127.0.0.1",
                httpPort,
                DatabaseConfig.sqliteIn(dataDirectory),
                List.of(),
                Duration.ofHours(1),
                DEFAULT_REQUEST_TIMEOUT,
                Retention.DEFAULTS,
                Optional.empty(),
                CarbonConfig.disabled(),
                DEFAULT_METRICS_SYNC_INTERVAL);
    }

    public ServerConfig withDatabase(DatabaseConfig newDatabase) {
        return new ServerConfig(
                dataDirectory,
                bindAddress,
                httpPort,
                newDatabase,
                cephClusters,
                sessionIdleTimeout,
                requestTimeout,
                retention,
                demo,
                carbon,
                metricsSyncInterval);
    }

    public ServerConfig withCarbon(CarbonConfig newCarbon) {
        return new ServerConfig(
                dataDirectory,
                bindAddress,
                httpPort,
                database,
                cephClusters,
                sessionIdleTimeout,
                requestTimeout,
                retention,
                demo,
                newCarbon,
                metricsSyncInterval);
    }
}
