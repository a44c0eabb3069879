package io.calamari.server.db;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Server-wide named settings (one row per name). Thread-safe. */
public final class SettingStore {
    private final Jdbi jdbi;

    public SettingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> find(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT value FROM settings WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
    }

    /** Stores {@code value} unless the setting exists; returns the value now stored. Race-free. */
    public String putIfAbsent(String name, String value) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate(
                            "INSERT INTO settings (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
                    .bind("name", name)
                    .bind("value", value)
                    .execute();
            return handle.createQuery("SELECT value FROM settings WHERE name = :name")
                    .bind("name", name)
                    .mapTo(String.class)
                    .one();
        });
    }
}
