package io.calamari.server.auth;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Server-side login sessions, keyed by the SHA-256 of the cookie's token. Thread-safe. */
public final class SessionStore {
    /** A stored session row. */
    public record StoredSession(String tokenHash, long userId, Instant createdAt, Instant lastSeenAt) {}

    private final Jdbi jdbi;

    public SessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(String tokenHash, long userId, Instant now, String remoteAddress, String userAgent) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, remote_address, user_agent)
                        VALUES (:tokenHash, :userId, :now, :now, :remoteAddress, :userAgent)
                        """)
                .bind("tokenHash", tokenHash)
                .bind("userId", userId)
                .bind("now", now.toEpochMilli())
                .bind("remoteAddress", truncate(remoteAddress, 64))
                .bind("userAgent", truncate(userAgent, 512))
                .execute());
    }

    public Optional<StoredSession> find(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .map((row, context) -> new StoredSession(
                        tokenHash,
                        row.getLong("user_id"),
                        Instant.ofEpochMilli(row.getLong("created_at")),
                        Instant.ofEpochMilli(row.getLong("last_seen_at"))))
                .findOne());
    }

    public void touch(String tokenHash, Instant now) {
        jdbi.useHandle(
                handle -> handle.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE token_hash = :tokenHash")
                        .bind("now", now.toEpochMilli())
                        .bind("tokenHash", tokenHash)
                        .execute());
    }

    public void delete(String tokenHash) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .execute());
    }

    /** Deletes sessions not used since {@code cutoff}; returns how many. */
    public int deleteIdleSince(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM sessions WHERE last_seen_at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }

    public long countForUser(long userId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sessions WHERE user_id = :userId")
                .bind("userId", userId)
                .mapTo(Long.class)
                .one());
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
