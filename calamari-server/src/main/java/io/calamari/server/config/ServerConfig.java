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
 * {@code cephClusters} (then empty). The carbon listeners bind to {@code bindAddress} too.
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
        CarbonConfig carbon) {
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
                CarbonConfig.disabled());
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
                carbon);
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
                newCarbon);
    }
}
