package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import io.calamari.server.ApiTime;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.PageRequest;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event resources of Calamari's v2 API, newest first, paginated:
 *
 * <pre>
 * GET /api/v2/event                   {"count": 2, "next": null, "previous": null, "results": [
 *                                       {"when": "2026-11-21T10:00:03.120+00:00", "severity": "WARNING",
 *                                        "message": "OSD ceph.1 went down (on node1)", "id": 41,
 *                                        "fsid": "…", "fqdn": "node1", "service_type": "osd", "service_id": "1"}]}
 *     ?severity=WARNING                  at least as severe (400 for an unknown severity)
 *     ?since=…&amp;until=…                  extension: ISO-8601 instants (since inclusive, until exclusive)
 *     ?search=down                       extension: message contains the text, any case
 *     ?service_type=osd&amp;service_id=1    extension
 * GET /api/v2/cluster/{fsid}/event    one cluster's (404 if the cluster is unknown)
 * GET /api/v2/server/{fqdn}/event     one host's
 * </pre>
 *
 * <p>{@code id}, {@code fsid}, {@code fqdn}, {@code service_type} and {@code service_id} are extensions.
 */
public final class EventRoutes implements RouteGroup {
    private static final int MAXIMUM_PAGE_SIZE = 1000;

    private final EventStore events;
    private final ClusterDirectory clusters;
    private final Clock clock;

    public EventRoutes(EventStore events, ClusterDirectory clusters, Clock clock) {
        this.events = requireNonNull(events, "events");
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/event", ctx -> list(ctx, filter(ctx)));
        router.get("/api/v2/cluster/{fsid}/event", ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            list(ctx, filter(ctx).withFsid(ctx.pathParam("fsid")));
        });
        router.get("/api/v2/server/{fqdn}/event", ctx -> list(ctx, filter(ctx).withFqdn(ctx.pathParam("fqdn"))));
    }

    private void list(Context ctx, EventFilter filter) {
        PageRequest page = PageRequest.of(ctx, MAXIMUM_PAGE_SIZE);
        long count = events.count(filter);
        page.requireWithin(count);
        List<Map<String, Object>> results = events.list(filter, page.offset(), page.size()).stream()
                .map(EventRoutes::render)
                .toList();
        ctx.json(page.body(ctx, count, results));
    }

    private static EventFilter filter(Context ctx) {
        Severity severity = Severity.INFO;
        String severityParam = ctx.queryParam("severity");
        if (severityParam != null) {
            severity = Severity.fromName(severityParam)
                    .orElseThrow(() -> new CalamariException(
                            ErrorCode.INVALID_ARGUMENT,
                            "Severity must be one of CRITICAL, ERROR, WARNING, RECOVERY, INFO"));
        }
        FieldErrors errors = new FieldErrors();
        EventFilter filter = new EventFilter(
                Optional.empty(),
                Optional.empty(),
                severity,
                Requests.queryInstant(ctx, "since", errors),
                Requests.queryInstant(ctx, "until", errors),
                Optional.ofNullable(ctx.queryParam("search")).filter(text -> !text.isBlank()),
                Optional.ofNullable(ctx.queryParam("service_type")),
                Optional.ofNullable(ctx.queryParam("service_id")));
        errors.throwIfAny();
        return filter;
    }

    static Map<String, Object> render(StoredEvent stored) {
        Event event = stored.event();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("when", ApiTime.format(event.when()));
        body.put("severity", event.severity().name());
        body.put("message", event.message());
        body.put("id", stored.id());
        body.put("fsid", event.fsid().orElse(null));
        body.put("fqdn", event.fqdn().orElse(null));
        body.put("service_type", event.serviceType().orElse(null));
        body.put("service_id", event.serviceId().orElse(null));
        return body;
    }
}
