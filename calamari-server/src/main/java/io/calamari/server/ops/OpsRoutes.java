package io.calamari.server.ops;

import static java.util.Objects.requireNonNull;

import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Probes and the server's own metrics:
 *
 * <pre>
 * GET /healthz → 200 {"status": "UP"}                        anonymous: the process answers
 * GET /readyz  → 200 {"status": "READY"} | 503 {"status": "NOT_READY"}   anonymous: migrations ran
 * GET /metrics → Prometheus text (HTTP latency per route, JVM, database pool); login required
 * </pre>
 */
public final class OpsRoutes implements RouteGroup {
    private final BooleanSupplier ready;
    private final PrometheusMeterRegistry registry;

    public OpsRoutes(BooleanSupplier ready, PrometheusMeterRegistry registry) {
        this.ready = requireNonNull(ready, "ready");
        this.registry = requireNonNull(registry, "registry");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/healthz", Access.PROBE, ctx -> ctx.json(Map.of("status", "UP")));
        router.get("/readyz", Access.PROBE, ctx -> {
            boolean isReady = ready.getAsBoolean();
            ctx.status(isReady ? 200 : 503).json(Map.of("status", isReady ? "READY" : "NOT_READY"));
        });
        router.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }
}
