package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import tools.jackson.databind.json.JsonMapper;

/** The {@code user_requests} table: every request with its plan and progress as JSON. Thread-safe. */
public final class RequestStore {
    /** Which requests to list: optionally one cluster's, optionally in one state. */
    public record Filter(Optional<String> fsid, Optional<UserRequest.State> state) {
        public Filter {
            requireNonNull(fsid, "fsid");
            requireNonNull(state, "state");
        }

        public static Filter all() {
            return new Filter(Optional.empty(), Optional.empty());
        }
    }

    private static final String COLUMNS = "id, fsid, headline, state, error, error_message, status, requested_at,"
            + " completed_at, requested_by, plan, progress";

    private final Jdbi jdbi;
    private final JsonMapper mapper;

    public RequestStore(Jdbi jdbi, JsonMapper mapper) {
        this.jdbi = requireNonNull(jdbi, "jdbi");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    public void insert(UserRequest request) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO user_requests (" + COLUMNS + ") VALUES (:id, :fsid,"
                        + " :headline, :state, :error, :errorMessage, :status, :requestedAt, :completedAt,"
                        + " :requestedBy, :plan, :progress)")
                .bind("id", request.id())
                .bind("fsid", request.fsid())
                .bind("headline", request.headline())
                .bind("state", request.state().name())
                .bind("error", request.error())
                .bind("errorMessage", request.errorMessage())
                .bind("status", request.status())
                .bind("requestedAt", request.requestedAt().toEpochMilli())
                .bind(
                        "completedAt",
                        request.completedAt().map(Instant::toEpochMilli).orElse(null))
                .bind("requestedBy", request.requestedBy().orElse(null))
                .bind("plan", mapper.writeValueAsString(request.plan()))
                .bind("progress", mapper.writeValueAsString(request.progress()))
                .execute());
    }

    /** Deletes the requests that completed before {@code cutoff} (never an unfinished one); returns how many. */
    public int deleteCompletedBefore(Instant cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM user_requests WHERE state = :state AND completed_at < :cutoff")
                .bind("state", UserRequest.State.COMPLETE.name())
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
    }

    /** Stores the request's state, outcome, status and progress (the rest never changes). */
    public void update(UserRequest request) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE user_requests SET state = :state, error = :error, error_message = :errorMessage,
                            status = :status, completed_at = :completedAt, progress = :progress
                        WHERE id = :id
                        """)
                .bind("id", request.id())
                .bind("state", request.state().name())
                .bind("error", request.error())
                .bind("errorMessage", request.errorMessage())
                .bind("status", request.status())
                .bind(
                        "completedAt",
                        request.completedAt().map(Instant::toEpochMilli).orElse(null))
                .bind("progress", mapper.writeValueAsString(request.progress()))
                .execute());
    }

    public Optional<UserRequest> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM user_requests WHERE id = :id")
                .bind("id", id)
                .map(this::request)
                .findOne());
    }

    /** Requests not complete yet, oldest first: the ones a starting server must take up again. */
    public List<UserRequest> unfinished() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM user_requests WHERE state = :state ORDER BY requested_at, id")
                .bind("state", UserRequest.State.SUBMITTED.name())
                .map(this::request)
                .list());
    }

    /** One page of the matching requests, newest first. */
    public List<UserRequest> list(Filter filter, long offset, int limit) {
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM user_requests" + where(filter)
                    + " ORDER BY requested_at DESC, id DESC LIMIT :limit OFFSET :offset");
            bind(query, filter);
            return query.bind("limit", limit)
                    .bind("offset", offset)
                    .map(this::request)
                    .list();
        });
    }

    public long count(Filter filter) {
        return jdbi.withHandle(handle -> {
            Query query = handle.createQuery("SELECT COUNT(*) FROM user_requests" + where(filter));
            bind(query, filter);
            return query.mapTo(Long.class).one();
        });
    }

    private static String where(Filter filter) {
        if (filter.fsid().isPresent() && filter.state().isPresent()) {
            return " WHERE fsid = :fsid AND state = :state";
        }
        if (filter.fsid().isPresent()) {
            return " WHERE fsid = :fsid";
        }
        return filter.state().isPresent() ? " WHERE state = :state" : "";
    }

    private static void bind(Query query, Filter filter) {
        filter.fsid().ifPresent(fsid -> query.bind("fsid", fsid));
        filter.state().ifPresent(state -> query.bind("state", state.name()));
    }

    private UserRequest request(ResultSet row, StatementContext context) throws SQLException {
        long completedAt = row.getLong("completed_at");
        Optional<Instant> completed = row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(completedAt));
        return new UserRequest(
                row.getString("id"),
                row.getString("fsid"),
                row.getString("headline"),
                UserRequest.State.valueOf(row.getString("state")),
                row.getBoolean("error"),
                row.getString("error_message"),
                row.getString("status"),
                Instant.ofEpochMilli(row.getLong("requested_at")),
                completed,
                Optional.ofNullable(row.getString("requested_by")),
                mapper.readValue(row.getString("plan"), RequestPlan.class),
                mapper.readValue(row.getString("progress"), Progress.class));
    }
}
