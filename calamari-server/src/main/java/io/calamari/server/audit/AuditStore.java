package io.calamari.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code audit_log} table. Values longer than their column are cut to fit, so that a long path
 * or username never costs the entry. Rules (what is recorded, redaction) live in {@link AuditLog}.
 * Thread-safe.
 */
public final class AuditStore {
    private static final String COLUMNS =
            "id, at, username, address, method, path, fsid, action, request_id, status, outcome";

    private final Jdbi jdbi;

    public AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Inserts one entry and returns it as stored, with its id. */
    public AuditEntry insert(Instant at, AuditedRequest request, String action, AuditOutcome outcome) {
        @Nullable String username = truncateOrNull(request.username(), 150);
        String address = truncate(request.address(), 64);
        String method = truncate(request.method(), 10);
        String path = truncate(request.path(), 512);
        @Nullable String fsid = truncateOrNull(request.fsid(), 36);
        @Nullable String requestId = truncateOrNull(request.requestId(), 36);
        long id = jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_log (at, username, address, method, path, fsid, action, request_id,
                                               status, outcome)
                        VALUES (:at, :username, :address, :method, :path, :fsid, :action, :requestId,
                                :status, :outcome)
                        """)
                .bind("at", at.toEpochMilli())
                .bind("username", username)
                .bind("address", address)
                .bind("method", method)
                .bind("path", path)
                .bind("fsid", fsid)
                .bind("action", action)
                .bind("requestId", requestId)
                .bind("status", request.status())
                .bind("outcome", outcome.wireName())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        return new AuditEntry(
                id,
                Instant.ofEpochMilli(at.toEpochMilli()),
                username,
                address,
                method,
                path,
                fsid,
                action,
                requestId,
                request.status(),
                outcome);
    }

    /** Deletes the entries older than {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM audit_log WHERE at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }

    /**
     * The entries matching {@code filter}, newest first (ties by id, newest first), skipping
     * {@code offset} and returning at most {@code limit}, with the number matching in all.
     */
    public AuditPage find(AuditFilter filter, long offset, int limit) {
        String where = where(filter);
        return jdbi.inTransaction(handle -> {
            long count = bind(handle.createQuery("SELECT COUNT(*) FROM audit_log" + where), filter)
                    .mapTo(Long.class)
                    .one();
            List<AuditEntry> entries = bind(
                            handle.createQuery("SELECT " + COLUMNS + " FROM audit_log" + where
                                    + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset"),
                            filter)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map(AuditStore::map)
                    .list();
            return new AuditPage(count, entries);
        });
    }

    private static String where(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.username() != null) {
            conditions.add("username = :username");
        }
        if (filter.fsid() != null) {
            conditions.add("fsid = :fsid");
        }
        if (filter.since() != null) {
            conditions.add("at >= :since");
        }
        if (filter.until() != null) {
            conditions.add("at < :until");
        }
        if (filter.outcome() != null) {
            conditions.add("outcome = :outcome");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bind(Query query, AuditFilter filter) {
        @Nullable String username = filter.username();
        if (username != null) {
            query.bind("username", username);
        }
        @Nullable String fsid = filter.fsid();
        if (fsid != null) {
            query.bind("fsid", fsid);
        }
        @Nullable Instant since = filter.since();
        if (since != null) {
            query.bind("since", since.toEpochMilli());
        }
        @Nullable Instant until = filter.until();
        if (until != null) {
            query.bind("until", until.toEpochMilli());
        }
        @Nullable AuditOutcome outcome = filter.outcome();
        if (outcome != null) {
            query.bind("outcome", outcome.wireName());
        }
        return query;
    }

    private static AuditEntry map(ResultSet row, StatementContext context) throws SQLException {
        String outcomeName = row.getString("outcome");
        AuditOutcome outcome = AuditOutcome.fromWireName(outcomeName)
                .orElseThrow(() -> new IllegalStateException("unknown audit outcome in database: " + outcomeName));
        return new AuditEntry(
                row.getLong("id"),
                Instant.ofEpochMilli(row.getLong("at")),
                row.getString("username"),
                row.getString("address"),
                row.getString("method"),
                row.getString("path"),
                row.getString("fsid"),
                row.getString("action"),
                row.getString("request_id"),
                row.getInt("status"),
                outcome);
    }

    private static @Nullable String truncateOrNull(@Nullable String value, int length) {
        return value == null ? null : truncate(value, length);
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
