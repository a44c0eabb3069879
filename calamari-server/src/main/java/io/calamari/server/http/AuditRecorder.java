package io.calamari.server.http;

import static java.util.Objects.requireNonNull;

import io.calamari.server.audit.AuditLog;
import io.calamari.server.audit.AuditedRequest;
import io.calamari.server.auth.Principal;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request with an unsafe method (not GET, HEAD or OPTIONS) to a route of the
 * {@link ApiRouter} in the {@link AuditLog}. It runs as a Javalin after-handler: later than the
 * handler, the security gate's refusal and the exception mapping, so it sees the final status, and
 * earlier than the response is written, so a client is never answered before its request is
 * recorded. If the entry cannot be written, the answer becomes 500 without the handler's headers
 * (a login's session cookie included). Requests while the server is starting (503, database not
 * migrated) are not recorded. Thread-safe.
 */
final class AuditRecorder {
    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

    private final AuditLog audit;
    private final BooleanSupplier ready;

    AuditRecorder(AuditLog audit, BooleanSupplier ready) {
        this.audit = requireNonNull(audit, "audit");
        this.ready = requireNonNull(ready, "ready");
    }

    void afterRequest(Context ctx) {
        String route = ctx.attribute(ApiRouter.ROUTE_ATTRIBUTE);
        String method = ctx.method().name();
        if (route == null || ApiRouter.isSafe(method) || !ready.getAsBoolean()) {
            return;
        }
        try {
            audit.record(auditedRequest(ctx, method, route));
        } catch (RuntimeException e) {
            log.error("cannot record {} {} in the audit log; answering 500", method, ctx.path(), e);
            ErrorResponses.replaceWithInternalError(ctx);
        }
    }

    private static AuditedRequest auditedRequest(Context ctx, String method, String route) {
        AuditedRequest.Kind kind = ctx.attribute(AuditLog.KIND_ATTRIBUTE);
        Map<String, String> pathParameters = ctx.attribute(ApiRouter.PATH_PARAMETERS_ATTRIBUTE);
        return new AuditedRequest(
                kind == null ? AuditedRequest.Kind.REQUEST : kind,
                method,
                ctx.path(),
                route,
                pathParameters == null ? null : pathParameters.get("fsid"),
                username(ctx),
                ctx.ip(),
                body(ctx),
                ctx.attribute(AuditLog.REQUEST_ID_ATTRIBUTE),
                ctx.statusCode());
    }

    private static @Nullable String username(Context ctx) {
        String named = ctx.attribute(AuditLog.USERNAME_ATTRIBUTE);
        if (named != null) {
            return named;
        }
        Principal principal = ctx.attribute(SecurityGate.PRINCIPAL_ATTRIBUTE);
        return principal == null ? null : principal.username();
    }

    /** The body as sent; empty if it cannot be read (for example, too large). */
    private static String body(Context ctx) {
        try {
            return ctx.body();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
