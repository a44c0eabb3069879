package io.calamari.server.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}) and
 * optional credentials for PostgreSQL.
 */
public record DatabaseConfig(String url, Optional<String> user, Optional<String> password) {
    public DatabaseConfig {
        requireNonNull(url, "url");
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        SqlDialect.fromUrl(url);
    }

    /** The default: an SQLite file inside the data directory. */
    public static DatabaseConfig sqliteIn(Path dataDirectory) {
        return new DatabaseConfig(
                "jdbc:sqlite:" + dataDirectory.resolve("calamari.db").toAbsolutePath(),
                Optional.empty(),
                Optional.empty());
    }

    public static DatabaseConfig of(String url) {
        return new DatabaseConfig(url, Optional.empty(), Optional.empty());
    }

    public SqlDialect dialect() {
        return SqlDialect.fromUrl(url);
    }

    /** The URL with any password parameter masked, for logs and messages. */
    public String describe() {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
