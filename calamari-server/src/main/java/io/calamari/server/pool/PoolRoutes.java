package io.calamari.server.pool;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.model.Pool;
import io.calamari.ceph.model.PoolUsage;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.metrics.LatestValues;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pools, as Calamari's v2 {@code pool} resource (with {@code ?defaults}), the 1.5 pool and cluster
 * {@code stats} resources, and the v1 {@code pool} resource the dashboard reads:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/pool            [{"id": 2, "name": "testpool", "size": 2, "min_size": 1,
 *                                              "pg_num": 8, "pgp_num": 8, "crush_ruleset": 0,
 *                                              "crash_replay_interval": 0, "hashpspool": true, "full": false,
 *                                              "quota_max_objects": 1000, "quota_max_bytes": 1073741824,
 *                                              "type": "replicated", "erasure_code_profile": "",
 *                                              "applications": ["rbd"], "flags": ["hashpspool"]}]
 * GET /api/v2/cluster/{fsid}/pool?defaults   {"id": null, "name": null, "size": 2, "min_size": 1,
 *                                              "pg_num": null, "pgp_num": null, "crush_ruleset": 0,
 *                                              "crash_replay_interval": 0, "hashpspool": true, "full": null,
 *                                              "quota_max_objects": 0, "quota_max_bytes": 0, "type": null,
 *                                              "erasure_code_profile": null, "applications": null, "flags": null}
 *                                             503 "Cluster configuration unavailable" /
 *                                             503 "No CRUSH rules exist, pool creation is impossible"
 * GET /api/v2/cluster/{fsid}/pool/{pool_id}  one; 404 if unknown
 * GET /api/v2/cluster/{fsid}/stats           {"kb": 524288, "kb_used": 308, "kb_avail": 523979, "num_objects": 3}
 * GET /api/v2/cluster/{fsid}/pool/stats      [{"id": 2, "name": "testpool", "num_bytes": 0, "num_kb": 0,
 *                                              "num_objects": 0, "num_object_clones": 0, …, "num_wr_kb": 0}]
 * GET /api/v2/cluster/{fsid}/pool/{pool_id}/stats   one; 404 if unknown
 * GET /api/v1/cluster/{fsid}/pool            [{"id": 2, "cluster": "fsid", "pool_id": 2, "name": "testpool",
 *                                              "quota_max_bytes": 1073741824, "quota_max_objects": 1000,
 *                                              "used_objects": 0, "used_bytes": 0}]
 * GET /api/v1/cluster/{fsid}/pool/{pool_id}  one; 404 if unknown
 * </pre>
 *
 * <p>{@code crash_replay_interval} is always 0: Ceph dropped it (Luminous). {@code applications}
 * (sorted application names), {@code flags} (Ceph's flag names), {@code pg_autoscale_mode}
 * ({@code on}, {@code warn} or {@code off}) and {@code compression_mode} ({@code none} when unset)
 * are extensions.
 *
 * <p>Statistics come from {@code df detail}, the only source until the time-series store exists:
 * {@code num_bytes} is the pool's {@code stored} bytes, {@code num_kb} the same in KiB (rounded
 * down), {@code num_objects} its object count. The other fields Calamari 1.5 took from librados
 * ({@code num_object_clones}, {@code num_object_copies}, {@code num_objects_missing_on_primary},
 * {@code num_objects_unfound}, {@code num_objects_degraded}) are not in {@code df} and are always 0;
 * {@code num_rd}, {@code num_wr} (operations) and {@code num_rd_kb}, {@code num_wr_kb} are {@code df
 * detail}'s client IO counters since the pool was created. v1's {@code used_objects}/{@code
 * used_bytes} are, as in Calamari, the latest values of the metric series {@code
 * ceph.cluster.<fsid>.pool.<id>.num_objects}/{@code num_bytes} (see {@link LatestValues}), or
 * {@code df}'s while the store has none; null while neither has them. Answers 503 while the
 * snapshot has no OSD map, or for {@code stats} no {@code df}.
 */
public final class PoolRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final LatestValues latest;
    private final Clock clock;

    public PoolRoutes(ClusterDirectory clusters, LatestValues latest, Clock clock) {
        this.latest = requireNonNull(latest, "latest");
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        String v2 = "/api/v2/cluster/{fsid}";
        router.get(v2 + "/pool", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            if (ctx.queryParamMap().containsKey("defaults")) {
                ctx.json(defaults(snapshot));
                return;
            }
            ctx.json(pools(snapshot).stream().map(PoolRoutes::v2).toList());
        });
        // Before pool/{pool_id}: Javalin matches in registration order, and "stats" fits {pool_id}.
        router.get(v2 + "/pool/stats", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ClusterDf df = df(snapshot);
            ctx.json(pools(snapshot).stream().map(pool -> stats(pool, df)).toList());
        });
        router.get(v2 + "/pool/{pool_id}", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(v2(pool(ctx, snapshot)));
        });
        router.get(v2 + "/pool/{pool_id}/stats", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            Pool pool = pool(ctx, snapshot);
            ctx.json(stats(pool, df(snapshot)));
        });
        router.get(v2 + "/stats", ctx -> ctx.json(clusterStats(df(ClusterRoutes.snapshot(ctx, clusters, clock)))));

        String v1 = "/api/v1/cluster/{fsid}";
        router.get(v1 + "/pool", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(pools(snapshot).stream().map(pool -> v1(snapshot, pool)).toList());
        });
        router.get(v1 + "/pool/{pool_id}", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(v1(snapshot, pool(ctx, snapshot)));
        });
    }

    private static ClusterDf df(ClusterSnapshot snapshot) {
        return snapshot.df()
                .map(Part::value)
                .orElseThrow(
                        () -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster space not yet available"));
    }

    private static List<Pool> pools(ClusterSnapshot snapshot) {
        return snapshot.requireOsdMap().map().pools().stream()
                .sorted(Comparator.comparingInt(Pool::id))
                .toList();
    }

    /** The pool named by the {@code pool_id} path parameter; 404 when there is none. */
    static Pool pool(Context ctx, ClusterSnapshot snapshot) {
        String id = ctx.pathParam("pool_id");
        Optional<Pool> pool;
        try {
            pool = snapshot.requireOsdMap().map().pool(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            pool = Optional.empty();
        }
        return pool.orElseThrow(() -> CalamariException.notFound("Object of type pool with id " + id + " not found"));
    }

    private static Map<String, Object> v2(Pool pool) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", pool.id());
        body.put("name", pool.name());
        body.put("size", pool.size());
        body.put("min_size", pool.minSize());
        body.put("pg_num", pool.placementGroupCount());
        body.put("pgp_num", pool.placementGroupPlacementCount());
        body.put("crush_ruleset", pool.crushRule());
        body.put("crash_replay_interval", 0);
        body.put("hashpspool", pool.hashpspool());
        body.put("full", pool.full());
        body.put("quota_max_objects", pool.quotaMaxObjects());
        body.put("quota_max_bytes", pool.quotaMaxBytes());
        body.put("type", pool.typeName());
        body.put("erasure_code_profile", pool.erasureCodeProfile());
        body.put("applications", new TreeSet<>(pool.applications()));
        body.put("flags", pool.flagNames());
        body.put("pg_autoscale_mode", pool.autoscaleMode().isEmpty() ? null : pool.autoscaleMode());
        body.put("compression_mode", pool.compressionMode().isEmpty() ? "none" : pool.compressionMode());
        return body;
    }

    /**
     * A new pool's values as the cluster would give them (Calamari's {@code pool?defaults}): size,
     * min size and hashpspool from the configuration, the CRUSH ruleset resolved as Calamari did,
     * quotas and crash replay interval 0, every other field null.
     */
    private static Map<String, Object> defaults(ClusterSnapshot snapshot) {
        Map<String, String> config = snapshot.config().map(Part::value).orElse(Map.of());
        if (config.isEmpty()) {
            throw new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster configuration unavailable");
        }
        Set<Integer> rulesets = new TreeSet<>();
        for (CrushRule rule : snapshot.requireOsdMap().crush().rules()) {
            rulesets.add(rule.ruleset());
        }
        if (rulesets.isEmpty()) {
            throw new CalamariException(
                    ErrorCode.SERVICE_UNAVAILABLE, "No CRUSH rules exist, pool creation is impossible");
        }
        int ruleset = integer(config, "osd_pool_default_crush_rule")
                .filter(rulesets::contains)
                .or(() -> integer(config, "osd_pool_default_crush_replicated_ruleset")
                        .filter(rulesets::contains))
                .orElse(rulesets.iterator().next());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", null);
        body.put("name", null);
        body.put("size", integer(config, "osd_pool_default_size").orElse(null));
        body.put("min_size", integer(config, "osd_pool_default_min_size").orElse(null));
        body.put("pg_num", null);
        body.put("pgp_num", null);
        body.put("crush_ruleset", ruleset);
        body.put("crash_replay_interval", 0);
        body.put(
                "hashpspool",
                Optional.ofNullable(config.get("osd_pool_default_flag_hashpspool"))
                        .map(value -> value.trim().equalsIgnoreCase("true"))
                        .orElse(null));
        body.put("full", null);
        body.put("quota_max_objects", 0);
        body.put("quota_max_bytes", 0);
        body.put("type", null);
        body.put("erasure_code_profile", null);
        body.put("applications", null);
        body.put("flags", null);
        body.put(
                "pg_autoscale_mode",
                Optional.ofNullable(config.get("osd_pool_default_pg_autoscale_mode"))
                        .map(String::trim)
                        .orElse(null));
        body.put("compression_mode", null);
        return body;
    }

    private static Optional<Integer> integer(Map<String, String> config, String key) {
        String value = config.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> stats(Pool pool, ClusterDf df) {
        Optional<PoolUsage> usage = df.pool(pool.id());
        long bytes = usage.map(PoolUsage::stored).orElse(0L);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", pool.id());
        body.put("name", pool.name());
        body.put("num_bytes", bytes);
        body.put("num_kb", bytes / 1024);
        body.put("num_objects", usage.map(PoolUsage::objects).orElse(0L));
        for (String absent : List.of(
                "num_object_clones",
                "num_object_copies",
                "num_objects_missing_on_primary",
                "num_objects_unfound",
                "num_objects_degraded")) {
            body.put(absent, 0);
        }
        body.put("num_rd", usage.map(PoolUsage::readOps).orElse(0L));
        body.put("num_rd_kb", usage.map(PoolUsage::readBytes).orElse(0L) / 1024);
        body.put("num_wr", usage.map(PoolUsage::writeOps).orElse(0L));
        body.put("num_wr_kb", usage.map(PoolUsage::writeBytes).orElse(0L) / 1024);
        return body;
    }

    private static Map<String, Object> clusterStats(ClusterDf df) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kb", df.totalBytes() / 1024);
        body.put("kb_used", df.totalUsedBytes() / 1024);
        body.put("kb_avail", df.totalAvailableBytes() / 1024);
        body.put(
                "num_objects", df.pools().stream().mapToLong(PoolUsage::objects).sum());
        return body;
    }

    private Map<String, Object> v1(ClusterSnapshot snapshot, Pool pool) {
        Optional<PoolUsage> usage = snapshot.df().map(Part::value).flatMap(df -> df.pool(pool.id()));
        String series = "ceph.cluster." + snapshot.fsid() + ".pool." + pool.id() + ".";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", pool.id());
        body.put("cluster", snapshot.fsid());
        body.put("pool_id", pool.id());
        body.put("name", pool.name());
        body.put("quota_max_bytes", pool.quotaMaxBytes());
        body.put("quota_max_objects", pool.quotaMaxObjects());
        body.put(
                "used_objects",
                latest.latest(series + "num_objects")
                        .map(Double::longValue)
                        .or(() -> usage.map(PoolUsage::objects))
                        .orElse(null));
        body.put(
                "used_bytes",
                latest.latest(series + "num_bytes")
                        .map(Double::longValue)
                        .or(() -> usage.map(PoolUsage::stored))
                        .orElse(null));
        return body;
    }
}
