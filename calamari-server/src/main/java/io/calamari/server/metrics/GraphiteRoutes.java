package io.calamari.server.metrics;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.query.RenderEngine;
import io.calamari.tsdb.query.RenderRequest;
import io.calamari.tsdb.query.TimeSeries;
import io.calamari.tsdb.query.format.RenderWriter;
import io.calamari.tsdb.query.function.FunctionIndex;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's HTTP API over the metric store, at graphite-web's root paths and under {@code
 * /graphite} (Calamari's UI used {@code /graphite/render/?format=json-array&target=...}):
 *
 * <ul>
 *   <li>{@code /render} (GET or form POST): {@code target} (repeatable), {@code from}, {@code until},
 *       {@code now}, {@code tz}, {@code format} ({@code json}, {@code csv}, {@code raw}, {@code
 *       json-array}), {@code maxDataPoints}, {@code noNullPoints}, {@code xFilesFactor}. Example
 *       answer: {@code [{"target":"a.b","tags":{"name":"a.b"},"datapoints":[[1.5,1700000010]]}]};
 *   <li>{@code /metrics/find} (also {@code /graphite/metrics}; the root {@code /metrics} is Prometheus'): {@code query}, {@code format} ({@code
 *       treejson}, {@code completer}, {@code json}, {@code nodelist}), {@code wildcards}, {@code
 *       leavesOnly}; {@code /metrics/expand}; {@code /metrics/index.json};
 *   <li>{@code /functions}, {@code /version}, {@code /tags/autoComplete/tags}, {@code
 *       /tags/autoComplete/values}, {@code /events/get_data} (no Graphite events are kept: {@code []}).
 * </ul>
 *
 * Every route needs a logged-in user (session or HTTP Basic); POST is a read here, so it needs no
 * CSRF token, as graphite-web exempted these views. A bad target or time answers 400 with
 * graphite-web's message. Thread-safe.
 */
public final class GraphiteRoutes implements RouteGroup {
    /** The graphite-web version reported to Grafana, which enables tags and the function index from 1.1. */
    static final String GRAPHITE_VERSION = "1.1.10";

    private final TimeSeriesStore store;
    private final RenderEngine engine;
    private final GraphiteFinder finder;
    private final Clock clock;

    public GraphiteRoutes(TimeSeriesStore store, RenderEngine engine, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.engine = requireNonNull(engine, "engine");
        this.finder = new GraphiteFinder(store);
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        for (String prefix : List.of("", "/graphite")) {
            router.get(prefix + "/render", Access.READ, this::render);
            router.post(prefix + "/render", Access.READ, this::render);
            // At the root, /metrics is the Prometheus endpoint; graphite-web's alias lives under /graphite only.
            for (String find : prefix.isEmpty() ? List.of("/metrics/find") : List.of("/metrics/find", "/metrics")) {
                router.get(prefix + find, Access.READ, this::find);
                router.post(prefix + find, Access.READ, this::find);
            }
            router.get(prefix + "/metrics/expand", Access.READ, this::expand);
            router.post(prefix + "/metrics/expand", Access.READ, this::expand);
            router.get(prefix + "/metrics/index.json", Access.READ, ctx -> ctx.json(finder.index()));
            router.get(prefix + "/functions", Access.READ, ctx -> ctx.json(FunctionIndex.of(engine.functions())));
            router.get(prefix + "/version", Access.READ, ctx -> ctx.result(GRAPHITE_VERSION));
            router.get(prefix + "/tags/autoComplete/tags", Access.READ, this::tagNames);
            router.get(prefix + "/tags/autoComplete/values", Access.READ, this::tagValues);
            router.get(prefix + "/events/get_data", Access.READ, ctx -> ctx.json(List.of()));
        }
    }

    private void render(Context ctx) {
        try {
            RenderRequest request = RenderRequest.fromParameters(parameters(ctx), ZoneOffset.UTC);
            List<TimeSeries> series = engine.render(request, clock.millis() / 1000);
            ctx.contentType(request.format().contentType());
            RenderWriter.write(series, request, ctx.outputStream());
        } catch (IllegalArgumentException e) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void find(Context ctx) {
        Map<String, List<String>> parameters = parameters(ctx);
        String query = required(parameters, "query");
        boolean leavesOnly = flag(parameters, "leavesOnly");
        String format = first(parameters, "format", "treejson");
        switch (format) {
            case "treejson" -> ctx.json(finder.treeJson(query, flag(parameters, "wildcards"), leavesOnly));
            case "completer" -> ctx.json(finder.completer(query, leavesOnly));
            case "json" -> ctx.json(finder.json(query, leavesOnly));
            case "nodelist" -> ctx.json(finder.nodeList(query, integer(parameters, "position", -1)));
            default ->
                throw new CalamariException(
                        ErrorCode.INVALID_ARGUMENT,
                        "Invalid value for 'format': '" + format + "' (treejson, completer, json, nodelist)");
        }
    }

    private void expand(Context ctx) {
        Map<String, List<String>> parameters = parameters(ctx);
        List<String> queries = parameters.getOrDefault("query", List.of());
        if (queries.isEmpty()) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "Missing required parameter 'query'");
        }
        ctx.json(finder.expand(queries, flag(parameters, "groupByExpr"), flag(parameters, "leavesOnly")));
    }

    private void tagNames(Context ctx) {
        Map<String, List<String>> parameters = parameters(ctx);
        ctx.json(store.tagNames(first(parameters, "tagPrefix", ""), integer(parameters, "limit", 100)));
    }

    private void tagValues(Context ctx) {
        Map<String, List<String>> parameters = parameters(ctx);
        ctx.json(store.tagValues(
                required(parameters, "tag"), first(parameters, "valuePrefix", ""), integer(parameters, "limit", 100)));
    }

    /** Query string and form body merged, as Django's {@code request.REQUEST} was. */
    private static Map<String, List<String>> parameters(Context ctx) {
        Map<String, List<String>> merged = new HashMap<>();
        ctx.queryParamMap()
                .forEach((name, values) ->
                        merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        String contentType = ctx.contentType();
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap()
                    .forEach((name, values) ->
                            merged.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        return merged;
    }

    private static String required(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "Missing required parameter '" + name + "'");
        }
        return values.get(0);
    }

    private static String first(Map<String, List<String>> parameters, String name, String fallback) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static boolean flag(Map<String, List<String>> parameters, String name) {
        String value = first(parameters, name, "0");
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    private static int integer(Map<String, List<String>> parameters, String name, int fallback) {
        String value = first(parameters, name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CalamariException(
                    ErrorCode.INVALID_ARGUMENT, "'" + name + "' must be an integer, not '" + value + "'");
        }
    }
}
