package io.calamari.server.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;

/**
 * The audit log: every mutating API request, login and logout, recorded once with its final status
 * before the response is sent (so nothing a client was told is missing from it), and listed for
 * superusers newest first. The HTTP edge ({@code http.AuditRecorder}) feeds it; routes add what only
 * they know through the request attributes named here. Thread-safe.
 */
public final class AuditLog {
    /**
     * The request attribute a route sets to the id of the asynchronous request it created
     * ({@code ctx.attribute(AuditLog.REQUEST_ID_ATTRIBUTE, id)}), recorded as {@code request_id}.
     */
    public static final String REQUEST_ID_ATTRIBUTE = "calamari.request_id";

    /** The request attribute a route sets to an {@link AuditedRequest.Kind} other than REQUEST. */
    public static final String KIND_ATTRIBUTE = "calamari.audit_kind";

    /**
     * The request attribute a route sets to the user a request concerns when there is no logged-in
     * user to take it from: the attempted username of a login, the user a logout ends.
     */
    public static final String USERNAME_ATTRIBUTE = "calamari.audit_username";

    private final AuditStore store;
    private final AuditAction actions;
    private final Clock clock;

    public AuditLog(AuditStore store, AuditAction actions, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.actions = requireNonNull(actions, "actions");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Records one finished request, synchronously: when this returns, the entry is committed. A
     * failure is thrown to the caller, which must then not acknowledge the request.
     */
    public AuditEntry record(AuditedRequest request) {
        requireNonNull(request, "request");
        String action = actions.describe(request.method(), request.route(), request.body());
        AuditOutcome outcome = AuditOutcome.of(request.kind(), request.status());
        return store.insert(clock.instant(), request, action, outcome);
    }

    /** The entries matching {@code filter}, newest first, skipping {@code offset}, at most {@code limit}. */
    public AuditPage list(AuditFilter filter, long offset, int limit) {
        requireNonNull(filter, "filter");
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit);
        }
        return store.find(filter, offset, limit);
    }
}
