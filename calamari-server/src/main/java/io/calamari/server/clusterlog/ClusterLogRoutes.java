package io.calamari.server.clusterlog;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogEntry;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.server.ApiTime;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The cluster log, as Calamari's {@code cluster/{fsid}/log} plus extensions:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/log?lines=40
 *     {"lines": "2026-11-22T00:04:14.058034+0000 mon.a (mon.0) 98 : cluster [WRN] Health check failed: …\n",
 *      "entries": [{"name": "mon.a", "rank": "mon.0", "stamp": "2026-11-22T00:04:14.058034+00:00", "seq": 98,
 *                   "channel": "cluster", "priority": "[WRN]", "level": "warn",
 *                   "message": "Health check failed: noout flag(s) set (OSDMAP_FLAGS)"}]}
 *     ?lines=N                 the newest N lines, 1 to 10000 (default 40), oldest first
 *     ?channel=cluster         extension: cluster (default), audit, cephadm or * for all
 *     ?level=info              extension: at least debug, info (default), sec, warn or error
 *     503 "mon log data unavailable" when the monitors cannot be asked
 * GET /api/v2/cluster/{fsid}/log/stream?channel=…&amp;level=…
 *     extension: Server-Sent Events, one "log" event per entry as it is logged: data is the entry
 *     as in "entries", the SSE id Ceph's sequence number (per logger, not unique; a stream cannot
 *     be resumed)
 * </pre>
 *
 * {@code lines} is Calamari's field, the entries as {@code ceph.log} holds them, one per line, in
 * UTC; {@code entries} is an extension. An unknown cluster is 404, a bad parameter 400 with a
 * message on its name.
 */
public final class ClusterLogRoutes implements RouteGroup {
    static final int DEFAULT_LINES = 40;
    static final int MAXIMUM_LINES = 10_000;

    private final ClusterDirectory clusters;
    private final ClusterLogTail tail;
    private final ClusterLogStream stream;
    private final Clock clock;

    public ClusterLogRoutes(ClusterDirectory clusters, ClusterLogTail tail, ClusterLogStream stream, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.tail = requireNonNull(tail, "tail");
        this.stream = requireNonNull(stream, "stream");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/log", ctx -> {
            String fsid = ClusterRoutes.snapshot(ctx, clusters, clock).fsid();
            FieldErrors errors = new FieldErrors();
            int lines = lines(ctx, errors);
            ClusterLogFilter filter = filter(ctx, errors);
            errors.throwIfAny();
            List<ClusterLogEntry> entries = tail.tail(fsid, lines, filter);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("lines", entries.stream().map(entry -> entry.line() + "\n").collect(Collectors.joining()));
            body.put("entries", entries.stream().map(ClusterLogRoutes::render).toList());
            ctx.json(body);
        });
        router.sse("/api/v2/cluster/{fsid}/log/stream", Access.ROLE_BASED, this::follow);
    }

    /** Validates now (404, 400, 503), then follows the log once the stream is open. */
    private Consumer<SseClient> follow(Context ctx) {
        String fsid = ClusterRoutes.snapshot(ctx, clusters, clock).fsid();
        FieldErrors errors = new FieldErrors();
        ClusterLogFilter filter = filter(ctx, errors);
        errors.throwIfAny();
        stream.requireFollowable(fsid);
        stream.requireCapacity();
        return client -> {
            client.keepAlive();
            stream.start(
                    fsid,
                    filter,
                    ClusterLogStream.Subscriber.of(
                            () -> !client.terminated(),
                            entry -> {
                                if (!client.terminated()) {
                                    client.sendEvent("log", render(entry), Long.toString(entry.seq()));
                                }
                            },
                            () -> {
                                if (!client.terminated()) {
                                    client.sendComment("heartbeat");
                                }
                            }),
                    client::close);
        };
    }

    /** An entry as the API shows it. */
    static Map<String, Object> render(ClusterLogEntry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", entry.name());
        body.put("rank", entry.rank());
        body.put("stamp", ApiTime.format(entry.stamp()));
        body.put("seq", entry.seq());
        body.put("channel", entry.channel());
        body.put("priority", entry.level().priority());
        body.put("level", entry.level().cephName());
        body.put("message", entry.message());
        return body;
    }

    private static int lines(Context ctx, FieldErrors errors) {
        String text = ctx.queryParam("lines");
        if (text == null || text.isBlank()) {
            return DEFAULT_LINES;
        }
        int lines;
        try {
            lines = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            errors.add("lines", "A valid integer is required.");
            return DEFAULT_LINES;
        }
        if (lines < 1) {
            errors.add("lines", "Ensure this value is greater than or equal to 1.");
        } else if (lines > MAXIMUM_LINES) {
            errors.add("lines", "Ensure this value is less than or equal to " + MAXIMUM_LINES + ".");
        }
        return lines;
    }

    private static ClusterLogFilter filter(Context ctx, FieldErrors errors) {
        String channel = Optional.ofNullable(ctx.queryParam("channel"))
                .map(String::trim)
                .orElse(ClusterLogFilter.DEFAULT.channel());
        if (!ClusterLogFilter.CHANNELS.contains(channel)) {
            errors.add("channel", invalidChoice(channel, ClusterLogFilter.CHANNELS));
            channel = ClusterLogFilter.DEFAULT.channel();
        }
        ClusterLogLevel level = ClusterLogFilter.DEFAULT.level();
        String levelText = ctx.queryParam("level");
        if (levelText != null) {
            Optional<ClusterLogLevel> parsed = ClusterLogLevel.fromName(levelText);
            if (parsed.isPresent()) {
                level = parsed.get();
            } else {
                errors.add(
                        "level",
                        invalidChoice(
                                levelText,
                                List.of(ClusterLogLevel.values()).stream()
                                        .map(ClusterLogLevel::cephName)
                                        .toList()));
            }
        }
        return new ClusterLogFilter(channel, level);
    }

    private static String invalidChoice(String value, List<String> choices) {
        return "\"" + value + "\" is not a valid choice (" + String.join(", ", choices) + ").";
    }
}
