package io.calamari.server.http;

import static java.util.Objects.requireNonNull;

import io.calamari.server.auth.BasicAuthenticator;
import io.calamari.server.auth.Principal;
import io.calamari.server.auth.ServerSecret;
import io.calamari.server.auth.SessionService;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.user.Role;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Admits or refuses each request before its handler runs: readiness (503 until migrations ran),
 * authentication by session cookie (403 without one, as Calamari; HTTP Basic also for {@link
 * Access#READ} routes), CSRF for unsafe methods
 * (double-submit {@code XSRF-TOKEN} cookie and {@code X-XSRF-TOKEN} header, both equal to the
 * session's token), and the route's {@link Access} for the user's role. Thread-safe.
 */
final class SecurityGate {
    static final String PRINCIPAL_ATTRIBUTE = "calamari.principal";
    static final String NO_CREDENTIALS = "Authentication credentials were not provided.";
    static final String NO_PERMISSION = "You do not have permission to perform this action.";
    static final String CSRF_FAILED = "CSRF Failed: CSRF token missing or incorrect.";

    private final SessionService sessions;
    private final BasicAuthenticator basic;
    private final BooleanSupplier ready;

    SecurityGate(SessionService sessions, BasicAuthenticator basic, BooleanSupplier ready) {
        this.sessions = requireNonNull(sessions, "sessions");
        this.basic = requireNonNull(basic, "basic");
        this.ready = requireNonNull(ready, "ready");
    }

    Optional<Principal> admit(Context ctx, String method, Access access) {
        if (access == Access.PROBE) {
            return Optional.empty();
        }
        if (!ready.getAsBoolean()) {
            throw new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "The server is starting; try again shortly.");
        }
        if (access == Access.PUBLIC) {
            return Optional.empty();
        }
        String token = ctx.cookie(Cookies.SESSION);
        Optional<Principal> principal = token == null ? Optional.empty() : sessions.resolve(token);
        if (principal.isEmpty() && access == Access.READ) {
            principal = basic.authenticate(Optional.ofNullable(ctx.header("Authorization")), ctx.ip());
        }
        if (principal.isEmpty()) {
            throw CalamariException.forbidden(NO_CREDENTIALS);
        }
        if (access == Access.READ) {
            ctx.attribute(PRINCIPAL_ATTRIBUTE, principal.get());
            return principal;
        }
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal.get());
        if (!ApiRouter.isSafe(method) && !csrfTokenMatches(ctx, token)) {
            throw CalamariException.forbidden(CSRF_FAILED);
        }
        if (!permits(access, method, principal)) {
            throw CalamariException.forbidden(NO_PERMISSION);
        }
        return principal;
    }

    /** Whether this principal may call a route with this access and method (ignoring CSRF). */
    static boolean permits(Access access, String method, Optional<Principal> principal) {
        return switch (access) {
            case PROBE, PUBLIC -> true;
            case ANY_USER, READ -> principal.isPresent();
            case ROLE_BASED ->
                principal.isPresent()
                        && (ApiRouter.isSafe(method) || principal.get().role().canWrite());
            case SUPERUSER -> principal.isPresent() && principal.get().role() == Role.SUPERUSER;
        };
    }

    private boolean csrfTokenMatches(Context ctx, String sessionToken) {
        String header = ctx.header(Cookies.CSRF_HEADER);
        String cookie = ctx.cookie(Cookies.CSRF);
        if (header == null || cookie == null) {
            return false;
        }
        String expected = sessions.csrfTokenFor(sessionToken);
        return ServerSecret.constantTimeEquals(cookie, header) && ServerSecret.constantTimeEquals(expected, header);
    }
}
