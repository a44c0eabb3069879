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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * The classification rules are {@link HealthCounters}'. {@code space} comes from {@code df} (Calamari
 * read the latest Graphite values of the same figures). 503 while the snapshot lacks the OSD map or
 * PG summary ({@code health_counters}) or {@code df} ({@code space}).
 */
public final class ClusterSummaryRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final Clock clock;

    public ClusterSummaryRoutes(ClusterDirectory clusters, Clock clock) {
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
            ClusterDf df = snapshot.df()
                    .map(Part::value)
                    .orElseThrow(() ->
                            new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster space not yet available"));
            Map<String, Object> space = new LinkedHashMap<>();
            space.put("used_bytes", df.totalUsedBytes());
            space.put("capacity_bytes", df.totalBytes());
            space.put("free_bytes", df.totalAvailableBytes());
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
