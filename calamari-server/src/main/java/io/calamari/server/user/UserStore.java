package io.calamari.server.user;

import io.calamari.server.error.CalamariException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/** Users in the database. Validation and rules live in {@link UserService}. Thread-safe. */
public final class UserStore {
    private static final String COLUMNS = "id, username, email, password_hash, role, enabled";

    private final Jdbi jdbi;

    public UserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public User create(
            String username, String email, @Nullable String passwordHash, Role role, boolean enabled, Instant now) {
        long id;
        try {
            id = insert(username, email, passwordHash, role, enabled, now);
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(username, e);
        }
        return new User(id, username, email, role, enabled, Optional.ofNullable(passwordHash));
    }

    private long insert(
            String username, String email, @Nullable String passwordHash, Role role, boolean enabled, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO users (username, email, password_hash, role, enabled, created_at, password_changed_at)
                        VALUES (:username, :email, :passwordHash, :role, :enabled, :now, :passwordChangedAt)
                        """)
                .bind("username", username)
                .bind("email", email)
                .bind("passwordHash", passwordHash)
                .bind("role", role.wireName())
                .bind("enabled", enabled)
                .bind("now", now.toEpochMilli())
                .bind("passwordChangedAt", passwordHash == null ? null : now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    public Optional<User> findById(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(UserStore::map)
                .findOne());
    }

    public Optional<User> findByUsername(String username) {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE username = :username")
                        .bind("username", username)
                        .map(UserStore::map)
                        .findOne());
    }

    public List<User> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY id")
                .map(UserStore::map)
                .list());
    }

    public long countEnabledSuperusers() {
        return jdbi.withHandle(
                handle -> handle.createQuery("SELECT COUNT(*) FROM users WHERE role = :role AND enabled = :enabled")
                        .bind("role", Role.SUPERUSER.wireName())
                        .bind("enabled", true)
                        .mapTo(Long.class)
                        .one());
    }

    /**
     * Sets a new password hash and, in the same transaction, ends the user's sessions except the one
     * named (the session that made the change keeps working).
     */
    public void updatePassword(long id, String passwordHash, Instant now, Optional<String> keepSessionTokenHash) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE users SET password_hash = :hash, password_changed_at = :now WHERE id = :id")
                    .bind("hash", passwordHash)
                    .bind("now", now.toEpochMilli())
                    .bind("id", id)
                    .execute();
            handle.createUpdate("DELETE FROM sessions WHERE user_id = :id AND token_hash <> :keep")
                    .bind("id", id)
                    .bind("keep", keepSessionTokenHash.orElse(""))
                    .execute();
        });
    }

    public void updateEmail(long id, String email) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE users SET email = :email WHERE id = :id")
                .bind("email", email)
                .bind("id", id)
                .execute());
    }

    public void updateRole(long id, Role role) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE users SET role = :role WHERE id = :id")
                .bind("role", role.wireName())
                .bind("id", id)
                .execute());
    }

    /** Enables or disables the account; disabling also ends its sessions. */
    public void updateEnabled(long id, boolean enabled) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE users SET enabled = :enabled WHERE id = :id")
                    .bind("enabled", enabled)
                    .bind("id", id)
                    .execute();
            if (!enabled) {
                handle.createUpdate("DELETE FROM sessions WHERE user_id = :id")
                        .bind("id", id)
                        .execute();
            }
        });
    }

    public void rename(long id, String username) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE users SET username = :username WHERE id = :id")
                    .bind("username", username)
                    .bind("id", id)
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            throw duplicateOr(username, e);
        }
    }

    public boolean delete(long id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM users WHERE id = :id")
                        .bind("id", id)
                        .execute())
                > 0;
    }

    /** A unique-key violation on the username means someone took the name first. */
    private RuntimeException duplicateOr(String username, UnableToExecuteStatementException failure) {
        if (findByUsername(username).isPresent()) {
            return CalamariException.conflict("A user with that username already exists.");
        }
        return failure;
    }

    private static User map(ResultSet row, StatementContext context) throws SQLException {
        String roleName = row.getString("role");
        Role role = Role.fromWireName(roleName)
                .orElseThrow(() -> new IllegalStateException("unknown role in database: " + roleName));
        return new User(
                row.getLong("id"),
                row.getString("username"),
                row.getString("email"),
                role,
                row.getBoolean("enabled"),
                Optional.ofNullable(row.getString("password_hash")));
    }
}
