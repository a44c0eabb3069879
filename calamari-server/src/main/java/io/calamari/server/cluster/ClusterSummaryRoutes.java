package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.PgSummary;
import io.calamari.server.ApiTime;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.metrics.LatestValues;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The v1 summaries Calamari's dashboard polls, computed from the cluster's latest snapshot:
 *
 * <pre>
 * GET /api/v1/cluster/{fsid}/health_counters
 *     {"pg": {"ok": {"count": 13, "states": {"active": 13}},
 *             "warn": {"count": 4, "states": {"remapped": 4}},
 *             "critical": {"count": 6, "states": {"undersized": 2, "unknown": 4}}},
 *      "mds": {"total": 0, "up_in": 0, "up_not_in": 0, "not_up_not_in": 0},
 *      "mon": {"ok": {"count": 1, "states": {"in": 1}}, "warn": {"count": 0, "states": {}}, "critical": …},
 *      "osd": {"ok": {"count": 2, "states": {"up/in": 2}}, "warn": {"count": 1, "states": {"up/out": 1}}, …},
 *      "cluster_update_time": "2026-…+00:00", "cluster_update_time_unix": 1767225600000}
 * GET /api/v1/cluster/{fsid}/space
 *     {"space": {"used_bytes": 316339, "capacity_bytes": 536870912, "free_bytes": 536554573}}
 * </pre>
 *
 * The classification rules are {@link HealthCounters}'. {@code space} is, as in Calamari, the latest
 * values of the metric series {@code ceph.cluster.<fsid>.df.total_used_bytes}, {@code total_bytes}
 * and {@code total_avail_bytes} (see {@link LatestValues}), or {@code df}'s while the store has none
 * of them. 503 while the snapshot lacks the OSD map or PG summary ({@code health_counters}), or
 * neither the store nor the snapshot has the space.
 */
public final class ClusterSummaryRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final LatestValues latest;
    private final Clock clock;

    public ClusterSummaryRoutes(ClusterDirectory clusters, LatestValues latest, Clock clock) {
        this.latest = requireNonNull(latest, "latest");
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v1/cluster/{fsid}/health_counters", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(healthCounters(snapshot));
        });
        router.get("/api/v1/cluster/{fsid}/space", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            String series = "ceph.cluster." + snapshot.fsid() + ".df.";
            Optional<ClusterDf> df = snapshot.df().map(Part::value);
            Optional<Double> used = latest.latest(series + "total_used_bytes");
            Optional<Double> capacity = latest.latest(series + "total_bytes");
            Optional<Double> free = latest.latest(series + "total_avail_bytes");
            Map<String, Object> space = new LinkedHashMap<>();
            if (used.isPresent() && capacity.isPresent() && free.isPresent()) {
                space.put("used_bytes", used.get().longValue());
                space.put("capacity_bytes", capacity.get().longValue());
                space.put("free_bytes", free.get().longValue());
            } else {
                ClusterDf current = df.orElseThrow(
                        () -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster space not yet available"));
                space.put("used_bytes", current.totalUsedBytes());
                space.put("capacity_bytes", current.totalBytes());
                space.put("free_bytes", current.totalAvailableBytes());
            }
            ctx.json(Map.of("space", space));
        });
    }

    private static Map<String, Object> healthCounters(ClusterSnapshot snapshot) {
        OsdMap osdMap = snapshot.requireOsdMap().map();
        PgSummary pgs = snapshot.pgSummary()
                .map(Part::value)
                .orElseThrow(
                        () -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "PG summary not yet available"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pg", HealthCounters.pgs(pgs));
        body.put("mds", HealthCounters.mds(snapshot.fsMap().map(Part::value)));
        body.put(
                "mon",
                HealthCounters.mons(
                        snapshot.monMap().map(Part::value), snapshot.quorum().map(Part::value)));
        body.put("osd", HealthCounters.osds(osdMap));
        body.put("cluster_update_time", ApiTime.format(snapshot.updateTime()));
        body.put("cluster_update_time_unix", snapshot.updateTime().toEpochMilli());
        return body;
    }
}
