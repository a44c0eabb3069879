package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code event_log} table. Thread-safe. */
public final class EventStore {
    private static final String COLUMNS = "id, at, severity, message, fsid, fqdn, service_type, service_id";

    private final Jdbi jdbi;

    public EventStore(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi");
    }

    /** Stores the events in one transaction, in order. */
    public void insertAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO event_log (at, severity, message, fsid, fqdn,"
                    + " service_type, service_id) VALUES (:at, :severity, :message, :fsid, :fqdn, :serviceType,"
                    + " :serviceId)");
            for (Event event : events) {
                batch.bind("at", event.when().toEpochMilli())
                        .bind("severity", event.severity().number())
                        .bind("message", event.message())
                        .bind("fsid", event.fsid().orElse(null))
                        .bind("fqdn", event.fqdn().orElse(null))
                        .bind("serviceType", event.serviceType().orElse(null))
                        .bind("serviceId", event.serviceId().orElse(null))
                        .add();
            }
            batch.execute();
        });
    }

    /** One page of the matching events, newest first. */
    public List<StoredEvent> list(EventFilter filter, long offset, int limit) {
        return jdbi.withHandle(handle -> {
            Map<String, Object> parameters = new TreeMap<>();
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM event_log" + where(filter, parameters)
                    + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset");
            parameters.forEach(query::bind);
            return query.bind("limit", limit)
                    .bind("offset", offset)
                    .map(EventStore::event)
                    .list();
        });
    }

    /**
     * Up to {@code limit} matching events with ids in ({@code afterId}, {@code upToId}], oldest
     * first.
     */
    public List<StoredEvent> listBetween(EventFilter filter, long afterId, long upToId, int limit) {
        return jdbi.withHandle(handle -> {
            Map<String, Object> parameters = new TreeMap<>();
            String where = where(filter, parameters);
            Query query = handle.createQuery(
                    "SELECT " + COLUMNS + " FROM event_log" + (where.isEmpty() ? " WHERE " : where + " AND ")
                            + "id > :afterId AND id <= :upToId ORDER BY id LIMIT :limit");
            parameters.forEach(query::bind);
            return query.bind("afterId", afterId)
                    .bind("upToId", upToId)
                    .bind("limit", limit)
                    .map(EventStore::event)
                    .list();
        });
    }

    /** The id of the newest event stored, 0 when there is none. */
    public long latestId() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM event_log")
                .mapTo(Long.class)
                .one());
    }

    public long count(EventFilter filter) {
        return jdbi.withHandle(handle -> {
            Map<String, Object> parameters = new TreeMap<>();
            Query query = handle.createQuery("SELECT COUNT(*) FROM event_log" + where(filter, parameters));
            parameters.forEach(query::bind);
            return query.mapTo(Long.class).one();
        });
    }

    /** Deletes the events older than {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM event_log WHERE at < :cutoff")
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }

    private static String where(EventFilter filter, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        condition(conditions, parameters, "fsid = :fsid", "fsid", filter.fsid());
        condition(conditions, parameters, "fqdn = :fqdn", "fqdn", filter.fqdn());
        condition(conditions, parameters, "service_type = :serviceType", "serviceType", filter.serviceType());
        condition(conditions, parameters, "service_id = :serviceId", "serviceId", filter.serviceId());
        condition(
                conditions, parameters, "at >= :since", "since", filter.since().map(Instant::toEpochMilli));
        condition(conditions, parameters, "at < :until", "until", filter.until().map(Instant::toEpochMilli));
        condition(
                conditions,
                parameters,
                "LOWER(message) LIKE :text ESCAPE '\\'",
                "text",
                filter.text().map(text -> "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%"));
        if (filter.severity() != Severity.INFO) {
            conditions.add("severity <= :severity");
            parameters.put("severity", filter.severity().number());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void condition(
            List<String> conditions, Map<String, Object> parameters, String sql, String name, Optional<?> value) {
        value.ifPresent(present -> {
            conditions.add(sql);
            parameters.put(name, present);
        });
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static StoredEvent event(ResultSet row, StatementContext context) throws SQLException {
        return new StoredEvent(
                row.getLong("id"),
                new Event(
                        Instant.ofEpochMilli(row.getLong("at")),
                        Severity.fromNumber(row.getInt("severity")),
                        row.getString("message"),
                        Optional.ofNullable(row.getString("fsid")),
                        Optional.ofNullable(row.getString("fqdn")),
                        Optional.ofNullable(row.getString("service_type")),
                        Optional.ofNullable(row.getString("service_id"))));
    }
}
