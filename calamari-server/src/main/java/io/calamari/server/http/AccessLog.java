package io.calamari.server.http;

import io.calamari.server.auth.Principal;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request (method, path, status, duration, user, client) on the {@code calamari.access}
 * logger, and the {@code http.server.requests} timer tagged by route pattern, method and status.
 * Thread-safe.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("calamari.access");

    private final MeterRegistry meters;

    AccessLog(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(Context ctx, @Nullable Float milliseconds) {
        float duration = milliseconds == null ? 0f : milliseconds;
        Principal principal = ctx.attribute(SecurityGate.PRINCIPAL_ATTRIBUTE);
        String user = principal == null ? "-" : principal.username();
        log.info(
                "{} {} {} {}ms user={} client={}",
                ctx.method(),
                ctx.path(),
                ctx.statusCode(),
                String.format(Locale.ROOT, "%.1f", duration),
                user,
                ctx.ip());
        Timer.builder("http.server.requests")
                .description("HTTP requests by route pattern")
                .tag("method", ctx.method().name())
                .tag("route", ApiRouter.routeOf(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .register(meters)
                .record((long) (duration * 1_000_000L), TimeUnit.NANOSECONDS);
    }
}
