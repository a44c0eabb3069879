package io.calamari.server.event;

import static java.util.Objects.requireNonNull;

import io.calamari.server.ApiTime;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.PageRequest;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
 *
 * GET /api/v2/event/stream            extension: Server-Sent Events, one "event" per stored event
 * GET /api/v2/cluster/{fsid}/event/stream, /api/v2/server/{fqdn}/event/stream
 *     (the same filters; data is the event as listed, the SSE id is its id; a stream starts after
 *      the newest stored event, or after the id in the Last-Event-ID header or ?last_event_id=)
 * </pre>
 *
 * <p>{@code id}, {@code fsid}, {@code fqdn}, {@code service_type} and {@code service_id} are extensions.
 */
public final class EventRoutes implements RouteGroup {
    private static final int MAXIMUM_PAGE_SIZE = 1000;

    private final EventStore events;
    private final EventStream stream;
    private final ClusterDirectory clusters;
    private final Clock clock;

    public EventRoutes(EventStore events, EventStream stream, ClusterDirectory clusters, Clock clock) {
        this.events = requireNonNull(events, "events");
        this.stream = requireNonNull(stream, "stream");
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
        router.sse("/api/v2/event/stream", Access.ROLE_BASED, ctx -> follow(ctx, filter(ctx)));
        router.sse("/api/v2/cluster/{fsid}/event/stream", Access.ROLE_BASED, ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            return follow(ctx, filter(ctx).withFsid(ctx.pathParam("fsid")));
        });
        router.sse(
                "/api/v2/server/{fqdn}/event/stream",
                Access.ROLE_BASED,
                ctx -> follow(ctx, filter(ctx).withFqdn(ctx.pathParam("fqdn"))));
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

    /** Validates the request now (4xx), then follows the stored events once the stream is open. */
    private Consumer<SseClient> follow(Context ctx, EventFilter filter) {
        long after = resumePoint(ctx).orElseGet(stream::latestId);
        stream.requireCapacity();
        return client -> {
            client.keepAlive();
            stream.start(
                    filter,
                    after,
                    new EventStream.Subscriber() {
                        @Override
                        public boolean open() {
                            return !client.terminated();
                        }

                        @Override
                        public void send(StoredEvent event) {
                            if (!client.terminated()) {
                                client.sendEvent("event", render(event), Long.toString(event.id()));
                            }
                        }

                        @Override
                        public void heartbeat() {
                            if (!client.terminated()) {
                                client.sendComment("heartbeat");
                            }
                        }
                    },
                    client::close);
        };
    }

    /** The id to resume after: the {@code Last-Event-ID} header (EventSource sends it) or {@code ?last_event_id}. */
    private static Optional<Long> resumePoint(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        String value = header != null && !header.isBlank() ? header : ctx.queryParam("last_event_id");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        FieldErrors errors = new FieldErrors();
        errors.add("last_event_id", "Last-Event-ID must be an event id (a whole number, 0 or more)");
        errors.throwIfAny();
        return Optional.empty();
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
