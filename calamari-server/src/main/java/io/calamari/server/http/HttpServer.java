package io.calamari.server.http;

import static java.util.Objects.requireNonNull;

import io.calamari.server.audit.AuditLog;
import io.calamari.server.auth.BasicAuthenticator;
import io.calamari.server.auth.SessionService;
import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP server (Javalin on Jetty): JSON through Jackson 3, trailing slashes ignored, 405 preferred to
 * 404, every route admitted by the {@link SecurityGate}, errors mapped by {@link ErrorResponses}, every
 * unsafe API request recorded in the audit log by the {@link AuditRecorder} before it is answered, one
 * access-log line and one timer sample per request. Started and stopped by the composition root.
 */
public final class HttpServer implements AutoCloseable {
    private final Javalin javalin;
    private final ApiRouter router;
    private final String bindAddress;
    private final int requestedPort;

    public HttpServer(
            String bindAddress,
            int port,
            ObjectMapper mapper,
            SessionService sessions,
            BasicAuthenticator basic,
            AuditLog audit,
            BooleanSupplier ready,
            MeterRegistry meters,
            List<RouteGroup> routeGroups) {
        this.bindAddress = requireNonNull(bindAddress, "bindAddress");
        this.requestedPort = port;
        SecurityGate gate = new SecurityGate(sessions, basic, ready);
        AccessLog accessLog = new AccessLog(meters);
        AuditRecorder auditRecorder = new AuditRecorder(audit, ready);
        AtomicReference<ApiRouter> routerHolder = new AtomicReference<>();
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JacksonJsonMapper(mapper));
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = 10L * 1024 * 1024;
            config.requestLogger.http(accessLog::record);
            ErrorResponses.register(config.routes);
            // After-handlers run once the exception mappers have set the final status, and before
            // the response is written (see docs/decisions.md).
            config.routes.after(auditRecorder::afterRequest);
            ApiRouter apiRouter = new ApiRouter(config.routes, gate);
            routeGroups.forEach(group -> group.addTo(apiRouter));
            routerHolder.set(apiRouter);
        });
        this.router = requireNonNull(routerHolder.get(), "router");
    }

    public HttpServer start() {
        javalin.start(bindAddress, requestedPort);
        return this;
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int port() {
        return javalin.port();
    }

    public List<ApiRouter.Route> routes() {
        return router.routes();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
