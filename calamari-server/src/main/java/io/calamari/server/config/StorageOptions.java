package io.calamari.server.config;

import io.calamari.server.db.DatabaseConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the data lives; shared by the server and calamari-ctl so both find the same database. */
public final class StorageOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file of 'name = value' lines (env CALAMARI_CONFIG).")
    @Nullable
    Path configFile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "./data",
            description = "Data directory (env CALAMARI_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDirectory = Path.of("./data");

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DB (env CALAMARI_DATABASE_URL; "
                    + "default: SQLite file calamari.db in the data directory).")
    @Nullable
    String databaseUrl;

    @Option(
            names = "--database-user",
            paramLabel = "USER",
            description = "PostgreSQL user (env CALAMARI_DATABASE_USER).")
    @Nullable
    String databaseUser;

    @Option(
            names = "--database-password",
            paramLabel = "PASSWORD",
            description = "PostgreSQL password (env CALAMARI_DATABASE_PASSWORD; prefer the environment).")
    @Nullable
    String databasePassword;

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The database to use; an unsupported URL is a usage error. */
    public DatabaseConfig database() {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return DatabaseConfig.sqliteIn(dataDirectory);
        }
        try {
            return new DatabaseConfig(
                    databaseUrl, Optional.ofNullable(databaseUser), Optional.ofNullable(databasePassword));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--database-url: " + e.getMessage(), e);
        }
    }
}
