package io.calamari.server.auth;

import static java.util.Objects.requireNonNull;

import io.calamari.server.audit.AuditLog;
import io.calamari.server.audit.AuditedRequest;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.Cookies;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calamari's login and logout, under {@code /api/v1/} and {@code /api/v2/}:
 *
 * <pre>
 * GET  auth/login   → 200 {}  sets the XSRF-TOKEN cookie
 * POST auth/login   {"username": "admin", "password": "…"}
 *                   → 200 {}  sets calamari_sessionid (HttpOnly) and a new XSRF-TOKEN
 *                   → 400 {"password": ["This field is required."]}
 *                   → 401 {"message": "User authentication failed"}
 *                   → 429 {"detail": "Too many failed login attempts. …"} with Retry-After
 * GET|POST auth/logout → 200 {"message": "Logged out"}
 * </pre>
 *
 * The audit log records each login POST with the attempted username (outcome {@code login},
 * {@code login_failed} or, when throttled, {@code denied}) and each logout POST with the user whose
 * session it ended; never the password.
 */
public final class AuthRoutes implements RouteGroup {
    private final AuthService auth;
    private final SessionService sessions;
    private final Requests requests;

    public AuthRoutes(AuthService auth, SessionService sessions, Requests requests) {
        this.auth = requireNonNull(auth, "auth");
        this.sessions = requireNonNull(sessions, "sessions");
        this.requests = requireNonNull(requests, "requests");
    }

    @Override
    public void addTo(ApiRouter router) {
        for (String base : new String[] {"/api/v1", "/api/v2"}) {
            router.get(base + "/auth/login", Access.PUBLIC, this::loginForm);
            router.post(base + "/auth/login", Access.PUBLIC, this::login);
            router.get(base + "/auth/logout", Access.PUBLIC, this::logout);
            router.post(base + "/auth/logout", Access.PUBLIC, this::logout);
        }
    }

    private void loginForm(Context ctx) {
        String session = ctx.cookie(Cookies.SESSION);
        boolean live = session != null && sessions.resolve(session).isPresent();
        Cookies.setCsrf(ctx, live ? sessions.csrfTokenFor(session) : ServerSecret.randomToken());
        ctx.header("Cache-Control", "no-cache, no-store, must-revalidate");
        ctx.json(Map.of());
    }

    private void login(Context ctx) {
        ctx.attribute(AuditLog.KIND_ATTRIBUTE, AuditedRequest.Kind.LOGIN);
        ObjectNode body = requests.jsonObject(ctx);
        FieldErrors errors = new FieldErrors();
        Optional<String> username = Requests.string(body, "username", errors);
        username.ifPresent(name -> ctx.attribute(AuditLog.USERNAME_ATTRIBUTE, name));
        Optional<String> password = Requests.string(body, "password", errors);
        errors.throwIfAny();
        String userAgent = Optional.ofNullable(ctx.userAgent()).orElse("");
        SessionService.NewSession session = auth.login(username, password, ctx.ip(), userAgent);
        String previous = ctx.cookie(Cookies.SESSION);
        if (previous != null) {
            auth.logout(previous);
        }
        Cookies.setSession(ctx, session.token());
        Cookies.setCsrf(ctx, session.csrfToken());
        ctx.json(Map.of());
    }

    private void logout(Context ctx) {
        ctx.attribute(AuditLog.KIND_ATTRIBUTE, AuditedRequest.Kind.LOGOUT);
        String session = ctx.cookie(Cookies.SESSION);
        if (session != null) {
            sessions.resolve(session)
                    .ifPresent(principal -> ctx.attribute(AuditLog.USERNAME_ATTRIBUTE, principal.username()));
            auth.logout(session);
            Cookies.clearSession(ctx);
        }
        ctx.json(Map.of("message", "Logged out"));
    }
}
