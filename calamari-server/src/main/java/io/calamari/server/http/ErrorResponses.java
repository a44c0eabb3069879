package io.calamari.server.http;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ThrottledException;
import io.calamari.server.error.ValidationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses, in Calamari's shapes: {@code {field: [messages]}}
 * for validation, {@code {"message": …}} for a failed login, {@code {"detail": …}} for everything
 * else. Unexpected exceptions are logged once here and answered 500 without a stack trace.
 */
final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String HANDLED = "calamari.error-handled";

    private ErrorResponses() {}

    static void register(RoutesConfig routes) {
        routes.exception(CalamariException.class, ErrorResponses::calamari);
        routes.exception(HttpResponseException.class, (e, ctx) -> detail(ctx, e.getStatus(), javalinMessage(e, ctx)));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            detail(ctx, 500, "Internal server error.");
        });
        routes.error(404, ctx -> fallback(ctx, "Not found."));
        routes.error(405, ctx -> fallback(ctx, "Method \"" + ctx.method() + "\" not allowed."));
        routes.error(500, ctx -> fallback(ctx, "Internal server error."));
    }

    static int status(CalamariException e) {
        return switch (e.code()) {
            case INVALID_ARGUMENT -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case NOT_ACCEPTABLE -> 406;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case TOO_MANY_REQUESTS -> 429;
            case SERVICE_UNAVAILABLE, CLUSTER_UNAVAILABLE -> 503;
        };
    }

    private static void calamari(CalamariException e, Context ctx) {
        int status = status(e);
        if (e instanceof ValidationException validation) {
            respond(ctx, status, validation.fieldErrors());
        } else if (e instanceof ThrottledException throttled) {
            ctx.header("Retry-After", Long.toString(throttled.retryAfter().toSeconds()));
            detail(ctx, status, e.clientMessage());
        } else if (status == 401) {
            respond(ctx, status, Map.of("message", e.clientMessage()));
        } else {
            detail(ctx, status, e.clientMessage());
        }
    }

    /**
     * Replaces whatever answer the request had (status, headers such as {@code Set-Cookie}, body)
     * with 500, for a request that must not be acknowledged after all.
     */
    static void replaceWithInternalError(Context ctx) {
        if (!ctx.res().isCommitted()) {
            ctx.res().reset();
        }
        detail(ctx, 500, "Internal server error.");
    }

    /** Javalin's own errors, reworded the way Calamari (Django REST framework) words them. */
    private static String javalinMessage(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "Not found.";
            case 405 -> "Method \"" + ctx.method() + "\" not allowed.";
            default -> String.valueOf(e.getMessage());
        };
    }

    private static void detail(Context ctx, int status, String message) {
        respond(ctx, status, Map.of("detail", message));
    }

    private static void respond(Context ctx, int status, Object body) {
        ctx.attribute(HANDLED, Boolean.TRUE);
        ctx.status(status).json(body);
    }

    /** For errors Javalin raises itself (no route, wrong method): a JSON body unless one is set. */
    private static void fallback(Context ctx, String message) {
        if (ctx.attribute(HANDLED) == null) {
            respond(ctx, ctx.statusCode(), Map.of("detail", message));
        }
    }
}
