package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushRule;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.request.RequestRoutes;
import io.calamari.server.request.RequestService;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CRUSH management, as asynchronous requests:
 *
 * <pre>
 * POST   /api/v2/cluster/{fsid}/crush_node            {"name": "rack1", "bucket_type": "rack",
 *                                                       "items": [{"id": -3, "weight": 0.0, "pos": 0}]}
 *                                                      → 202 {"request_id": "…"}
 * PATCH  /api/v2/cluster/{fsid}/crush_node/{node_id}   {"name": "rack2"} → 202, or 304
 * DELETE /api/v2/cluster/{fsid}/crush_node/{node_id}   → 202; 409 while it has items
 * POST   /api/v2/cluster/{fsid}/crush_rule            {"name": "fast", "type": "replicated",
 *                                                       "min_size": 1, "max_size": 10, "steps": [
 *                                                       {"op": "take", "item_name": "default~ssd"},
 *                                                       {"op": "chooseleaf_firstn", "num": 0, "type": "host"},
 *                                                       {"op": "emit"}]} → 202
 * PATCH  /api/v2/cluster/{fsid}/crush_rule/{rule_id}   {"max_size": 8} → 202, or 304
 * DELETE /api/v2/cluster/{fsid}/crush_rule/{rule_id}   → 202; 409 while a pool uses it
 * POST   /api/v2/cluster/{fsid}/crush_map             the text map (text/plain, or a JSON string
 *                                                      as GET returns it) → 200 {"request_id": "…"}
 * </pre>
 *
 * <p>{@code crush_map} answers 200 and not 202, as Calamari did (its quirk, kept for its clients).
 * Invalid input answers 400 (409 for a taken name, 404 for an unknown item) and sends nothing to
 * Ceph; see {@link CrushNodeRequests}, {@link CrushRuleRequests} and {@link CrushRequests}.
 */
public final class CrushWriteRoutes implements RouteGroup {
    private static final Pattern SIGNED_ID = Pattern.compile("-?\\d{1,9}");
    private static final JsonMapper MAPPER = Json.newMapper();

    private final ClusterDirectory clusters;
    private final RequestService requests;
    private final Requests bodies;
    private final Clock clock;
    private final CrushTool crushTool;

    public CrushWriteRoutes(
            ClusterDirectory clusters, RequestService requests, Requests bodies, Clock clock, CrushTool crushTool) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.requests = requireNonNull(requests, "requests");
        this.bodies = requireNonNull(bodies, "bodies");
        this.clock = requireNonNull(clock, "clock");
        this.crushTool = requireNonNull(crushTool, "crushTool");
    }

    @Override
    public void addTo(ApiRouter router) {
        String v2 = "/api/v2/cluster/{fsid}";
        router.post(v2 + "/crush_node", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            RequestRoutes.accept(
                    ctx, requests, CrushNodeRequests.create(snapshot.name(), part, bodies.jsonObject(ctx)), 202);
        });
        router.patch(v2 + "/crush_node/{node_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            CrushBucket bucket = bucket(ctx, part);
            RequestRoutes.acceptOrNotModified(
                    ctx,
                    requests,
                    CrushNodeRequests.update(snapshot.name(), part, bucket, bodies.jsonObject(ctx), crushTool));
        });
        router.delete(v2 + "/crush_node/{node_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            RequestRoutes.accept(
                    ctx, requests, CrushNodeRequests.delete(snapshot.name(), part, bucket(ctx, part)), 202);
        });
        router.post(v2 + "/crush_rule", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            RequestRoutes.accept(
                    ctx,
                    requests,
                    CrushRuleRequests.create(snapshot.name(), part, bodies.jsonObject(ctx), crushTool),
                    202);
        });
        router.patch(v2 + "/crush_rule/{rule_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            CrushRule rule = rule(ctx, part);
            RequestRoutes.acceptOrNotModified(
                    ctx,
                    requests,
                    CrushRuleRequests.update(snapshot.name(), part, rule, bodies.jsonObject(ctx), crushTool));
        });
        router.delete(v2 + "/crush_rule/{rule_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            OsdMapPart part = CrushRoutes.osdMap(snapshot);
            RequestRoutes.accept(ctx, requests, CrushRuleRequests.delete(snapshot.name(), part, rule(ctx, part)), 202);
        });
        router.post(v2 + "/crush_map", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            RequestRoutes.accept(
                    ctx, requests, CrushRequests.replaceMap(snapshot.name(), mapText(ctx), crushTool), 200);
        });
    }

    /**
     * The text map of a {@code crush_map} POST: the body as it is (Calamari took {@code text/plain});
     * a JSON body must be one string, the form in which GET returns the map.
     */
    private static String mapText(Context ctx) {
        String body = ctx.body();
        String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/json") || body.isBlank()) {
            return body;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new CalamariException(ErrorCode.INVALID_ARGUMENT, "JSON parse error - " + e.getOriginalMessage());
        }
        if (!node.isString()) {
            throw new CalamariException(
                    ErrorCode.INVALID_ARGUMENT,
                    "Expected the CRUSH map as text/plain, or as a JSON string; got a JSON " + node.getNodeType());
        }
        return node.asString();
    }

    private static CrushBucket bucket(Context ctx, OsdMapPart part) {
        String id = ctx.pathParam("node_id");
        return parse(id)
                .flatMap(part.crush()::bucket)
                .filter(bucket -> !bucket.isShadow())
                .orElseThrow(
                        () -> CalamariException.notFound("Object of type crush_node with id " + id + " not found"));
    }

    private static CrushRule rule(Context ctx, OsdMapPart part) {
        String id = ctx.pathParam("rule_id");
        return parse(id)
                .flatMap(part.crush()::rule)
                .orElseThrow(
                        () -> CalamariException.notFound("Object of type crush_rule with id " + id + " not found"));
    }

    private static Optional<Integer> parse(String id) {
        return SIGNED_ID.matcher(id).matches() ? Optional.of(Integer.parseInt(id)) : Optional.empty();
    }
}
