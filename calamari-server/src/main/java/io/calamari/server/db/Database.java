package io.calamari.server.db;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's relational database (SQLite or PostgreSQL): a bounded connection pool, JDBI on top of
 * it, and the Flyway migrations that create and upgrade the schema. Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** Tables that hold users, server settings and the audit log; {@link #clearMonitoringState()} keeps them. */
    private static final Set<String> KEPT_TABLES =
            Set.of("users", "sessions", "settings", "audit_log", "flyway_schema_history");

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens the pool. Connections are made lazily, so this does not fail when the database is down;
     * {@link #migrate()} is the first call that needs it.
     */
    public static Database open(DatabaseConfig config, MeterRegistry meterRegistry) {
        requireNonNull(config, "config");
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("calamari-db");
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setConnectionTimeout(10_000);
        hikari.setValidationTimeout(5_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meterRegistry));
        switch (config.dialect()) {
            case SQLITE -> {
                createParentDirectory(config.url().substring("jdbc:sqlite:".length()));
                hikari.setMaximumPoolSize(4);
                hikari.addDataSourceProperty("journal_mode", "WAL");
                hikari.addDataSourceProperty("synchronous", "NORMAL");
                hikari.addDataSourceProperty("busy_timeout", "10000");
                hikari.addDataSourceProperty("foreign_keys", "true");
            }
            case POSTGRESQL -> {
                hikari.setMaximumPoolSize(10);
                hikari.addDataSourceProperty("connectTimeout", "10");
                hikari.addDataSourceProperty("socketTimeout", "60");
                hikari.addDataSourceProperty("ApplicationName", "calamari");
            }
        }
        return new Database(config, new HikariDataSource(hikari));
    }

    /** Creates or upgrades the schema; safe to run any number of times. Returns migrations applied. */
    public int migrate() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(config.dialect().migrationPlaceholders())
                .load()
                .migrate()
                .migrationsExecuted;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public SqlDialect dialect() {
        return config.dialect();
    }

    public DatabaseConfig config() {
        return config;
    }

    /**
     * Deletes every row of monitoring state and history (every table except users, sessions,
     * settings, the audit log and the migration history) in one transaction. Returns the tables
     * cleared.
     */
    public List<String> clearMonitoringState() {
        try {
            return clearTables();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the database's tables: " + e.getMessage(), e);
        }
    }

    private List<String> clearTables() throws SQLException {
        return jdbi.inTransaction(handle -> {
            List<String> tables = monitoringTables(handle.getConnection());
            if (config.dialect() == SqlDialect.SQLITE) {
                handle.execute("PRAGMA defer_foreign_keys = ON");
                tables.forEach(table -> handle.execute("DELETE FROM " + table));
            } else if (!tables.isEmpty()) {
                handle.execute("TRUNCATE TABLE " + String.join(", ", tables) + " CASCADE");
            }
            return tables;
        });
    }

    private List<String> monitoringTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        String schema = config.dialect() == SqlDialect.POSTGRESQL ? connection.getSchema() : null;
        try (ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                if (!KEPT_TABLES.contains(table.toLowerCase(Locale.ROOT)) && !table.startsWith("sqlite_")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    /** True when a connection can be had and answers a trivial query. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void createParentDirectory(String file) {
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file.split("\\?", 2)[0]).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create database directory " + parent, e);
            }
        }
    }
}
