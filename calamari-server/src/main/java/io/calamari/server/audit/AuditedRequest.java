package io.calamari.server.audit;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What the HTTP edge knows about one finished request that the audit log records: the route it
 * matched, who sent it from where, its raw body and its final status. Immutable.
 *
 * @param kind what sort of request it was; decides how the status reads as an {@link AuditOutcome}
 * @param method the HTTP method, e.g. {@code PATCH}
 * @param path the request path, e.g. {@code /api/v2/user/3}
 * @param route the route pattern the path matched, e.g. {@code /api/v2/user/{id}}
 * @param fsid the cluster of a {@code /api/v{1,2}/cluster/{fsid}/…} route, else null
 * @param username the logged-in user, the attempted username of a login, or null (anonymous)
 * @param address the client's address
 * @param body the request body as sent (redacted before it is stored); empty when there was none
 * @param requestId the asynchronous request the call created, if any
 * @param status the HTTP status the client was answered
 */
public record AuditedRequest(
        Kind kind,
        String method,
        String path,
        String route,
        @Nullable String fsid,
        @Nullable String username,
        String address,
        String body,
        @Nullable String requestId,
        int status) {

    /** The sorts of audited request; routes other than login and logout are {@link #REQUEST}. */
    public enum Kind {
        REQUEST,
        LOGIN,
        LOGOUT
    }

    public AuditedRequest {
        requireNonNull(kind, "kind");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(route, "route");
        requireNonNull(address, "address");
        requireNonNull(body, "body");
    }
}
