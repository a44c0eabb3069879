package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.CrushStep;
import io.calamari.ceph.model.CrushType;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The CRUSH map of a cluster, read-only, as Calamari's v2 {@code crush_rule}, {@code crush_rule_set},
 * {@code crush_node} and {@code crush_type} resources, from the snapshot's {@code osd crush dump}:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/crush_rule
 *     [{"id": 0, "name": "replicated_rule", "ruleset": 0, "type": "replicated", "min_size": 1,
 *       "max_size": 10, "steps": [{"op": "take", "item": -1, "item_name": "default"},
 *       {"op": "chooseleaf_firstn", "num": 0, "type": "host"}, {"op": "emit"}], "osd_count": 3}]
 * GET /api/v2/cluster/{fsid}/crush_rule/{rule_id}   one; 404 if unknown
 * GET /api/v2/cluster/{fsid}/crush_rule_set         [{"id": 0, "rules": [rule, …]}]
 * GET /api/v2/cluster/{fsid}/crush_node
 *     [{"id": -1, "name": "default", "bucket_type": "root", "weight": 0.000595, "alg": "straw2",
 *       "hash": "rjenkins1", "items": [{"id": -3, "weight": 0.000198, "pos": 0}, …]}]
 * GET /api/v2/cluster/{fsid}/crush_node/{node_id}   one (negative id); 404 if unknown
 * GET /api/v2/cluster/{fsid}/crush_type             [{"id": 0, "name": "osd"}, …]
 * GET /api/v2/cluster/{fsid}/crush_type/{type_id}   one; 404 if unknown
 * </pre>
 *
 * {@code osd_count} is the number of OSDs the rule can reach (every OSD under the buckets its
 * {@code choose*} steps can pick), 0 for a rule whose root has no OSDs. Weights are floats (Ceph's
 * 16.16 fixed point divided by 65536). Device-class shadow buckets ({@code default~hdd}), which Ceph
 * derives itself and hides from {@code osd tree}, are left out of {@code crush_node}; a rule that
 * takes a device class still names its shadow bucket in its {@code take} step. Rules are ordered by
 * id, nodes by descending id ({@code -1} first), types by id. 503 until the OSD map has been fetched.
 */
public final class CrushRoutes implements RouteGroup {
    private static final Pattern SIGNED_ID = Pattern.compile("-?\\d{1,9}");
    private static final Pattern UNSIGNED_ID = Pattern.compile("\\d{1,9}");

    private final ClusterDirectory clusters;
    private final Clock clock;

    public CrushRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/crush_rule", ctx -> {
            OsdMapPart osdMap = osdMap(ClusterRoutes.snapshot(ctx, clusters, clock));
            ctx.json(rules(osdMap).stream().map(rule -> rule(osdMap, rule)).toList());
        });
        router.get("/api/v2/cluster/{fsid}/crush_rule/{rule_id}", ctx -> {
            OsdMapPart osdMap = osdMap(ClusterRoutes.snapshot(ctx, clusters, clock));
            String id = ctx.pathParam("rule_id");
            CrushRule rule = parse(id, SIGNED_ID)
                    .flatMap(ruleId -> osdMap.crush().rule(ruleId))
                    .orElseThrow(() -> notFound("crush_rule", id));
            ctx.json(rule(osdMap, rule));
        });
        router.get("/api/v2/cluster/{fsid}/crush_rule_set", ctx -> {
            OsdMapPart osdMap = osdMap(ClusterRoutes.snapshot(ctx, clusters, clock));
            Map<Integer, List<Map<String, Object>>> byRuleset = new TreeMap<>();
            for (CrushRule rule : rules(osdMap)) {
                byRuleset
                        .computeIfAbsent(rule.ruleset(), ruleset -> new ArrayList<>())
                        .add(rule(osdMap, rule));
            }
            List<Map<String, Object>> body = new ArrayList<>();
            byRuleset.forEach((ruleset, rules) -> {
                Map<String, Object> set = new LinkedHashMap<>();
                set.put("id", ruleset);
                set.put("rules", rules);
                body.add(set);
            });
            ctx.json(body);
        });
        router.get("/api/v2/cluster/{fsid}/crush_node", ctx -> {
            CrushMap crush =
                    osdMap(ClusterRoutes.snapshot(ctx, clusters, clock)).crush();
            ctx.json(crush.buckets().stream()
                    .filter(bucket -> !bucket.isShadow())
                    .sorted(Comparator.comparingInt(CrushBucket::id).reversed())
                    .map(CrushRoutes::node)
                    .toList());
        });
        router.get("/api/v2/cluster/{fsid}/crush_node/{node_id}", ctx -> {
            CrushMap crush =
                    osdMap(ClusterRoutes.snapshot(ctx, clusters, clock)).crush();
            String id = ctx.pathParam("node_id");
            CrushBucket bucket = parse(id, SIGNED_ID)
                    .flatMap(crush::bucket)
                    .filter(found -> !found.isShadow())
                    .orElseThrow(() -> notFound("crush_node", id));
            ctx.json(node(bucket));
        });
        router.get("/api/v2/cluster/{fsid}/crush_type", ctx -> {
            CrushMap crush =
                    osdMap(ClusterRoutes.snapshot(ctx, clusters, clock)).crush();
            ctx.json(crush.types().stream()
                    .sorted(Comparator.comparingInt(CrushType::id))
                    .map(CrushRoutes::type)
                    .toList());
        });
        router.get("/api/v2/cluster/{fsid}/crush_type/{type_id}", ctx -> {
            CrushMap crush =
                    osdMap(ClusterRoutes.snapshot(ctx, clusters, clock)).crush();
            String id = ctx.pathParam("type_id");
            CrushType type = parse(id, UNSIGNED_ID).flatMap(crush::type).orElseThrow(() -> notFound("crush_type", id));
            ctx.json(type(type));
        });
    }

    /** The OSD map part, or 503 "Cluster CRUSH map not yet available". */
    static OsdMapPart osdMap(ClusterSnapshot snapshot) {
        return snapshot.osdMap()
                .map(Part::value)
                .orElseThrow(() ->
                        new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster CRUSH map not yet available"));
    }

    private static List<CrushRule> rules(OsdMapPart osdMap) {
        return osdMap.crush().rules().stream()
                .sorted(Comparator.comparingInt(CrushRule::id))
                .toList();
    }

    private static Map<String, Object> rule(OsdMapPart osdMap, CrushRule rule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", rule.id());
        body.put("name", rule.name());
        body.put("ruleset", rule.ruleset());
        body.put("type", rule.typeName());
        body.put("min_size", rule.minSize());
        body.put("max_size", rule.maxSize());
        body.put("steps", rule.steps().stream().map(CrushRoutes::step).toList());
        body.put("osd_count", osdMap.index().osdsForRule(rule.id()).size());
        return body;
    }

    /** A step as {@code osd crush dump} prints it: only the fields the op has. */
    private static Map<String, Object> step(CrushStep step) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("op", step.op());
        step.item().ifPresent(item -> body.put("item", item));
        step.itemName().ifPresent(name -> body.put("item_name", name));
        step.number().ifPresent(number -> body.put("num", number));
        step.type().ifPresent(type -> body.put("type", type));
        return body;
    }

    private static Map<String, Object> node(CrushBucket bucket) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", bucket.id());
        body.put("name", bucket.name());
        body.put("bucket_type", bucket.typeName());
        body.put("weight", bucket.weight());
        body.put("alg", bucket.algorithm());
        body.put("hash", bucket.hash());
        body.put(
                "items",
                bucket.items().stream()
                        .sorted(Comparator.comparingInt(CrushItem::position))
                        .map(CrushRoutes::item)
                        .toList());
        return body;
    }

    private static Map<String, Object> item(CrushItem item) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", item.id());
        body.put("weight", item.weight());
        body.put("pos", item.position());
        return body;
    }

    private static Map<String, Object> type(CrushType type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", type.id());
        body.put("name", type.name());
        return body;
    }

    private static Optional<Integer> parse(String id, Pattern pattern) {
        return pattern.matcher(id).matches() ? Optional.of(Integer.parseInt(id)) : Optional.empty();
    }

    private static CalamariException notFound(String type, String id) {
        return CalamariException.notFound("Object of type " + type + " with id " + id + " not found");
    }
}
