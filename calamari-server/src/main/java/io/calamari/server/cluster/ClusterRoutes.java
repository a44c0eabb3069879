package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.HealthCheck;
import io.calamari.ceph.model.HealthReport;
import io.calamari.server.ApiTime;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters, as Calamari's v1 and v2 {@code cluster} resources, plus structured health (extension):
 *
 * <pre>
 * GET    /api/v2/cluster          [{"id": "fsid", "name": "ceph", "update_time": "2026-…+00:00", "stale": false, …}]
 * GET    /api/v2/cluster/{fsid}   one; 404 if unknown
 * DELETE /api/v2/cluster/{fsid}   stop monitoring until restart → 204
 * GET    /api/v1/cluster[/{fsid}] {"id", "name", "cluster_update_time", "cluster_update_time_unix"}
 * GET    /api/v1/cluster/{fsid}/health  {"report": {Ceph's health}, "cluster_update_time", …}
 * GET    /api/v2/cluster/{fsid}/health  {"status": "HEALTH_WARN", "checks": [{"code", "severity", …}]}
 * </pre>
 *
 * Every cluster-scoped response carries {@code X-Calamari-Update-Time},
 * {@code X-Calamari-Snapshot-Age} (seconds), {@code X-Calamari-Cluster-Reachable} and {@code
 * X-Calamari-Snapshot-Stale} ({@code true} while the server serves the snapshot it stored before a
 * restart, until the cluster first answers).
 */
public final class ClusterRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final Clock clock;

    public ClusterRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get(
                "/api/v2/cluster",
                ctx -> ctx.json(clusters.clusters().stream().map(this::v2).toList()));
        router.get("/api/v2/cluster/{fsid}", ctx -> ctx.json(v2(snapshot(ctx, clusters, clock))));
        router.delete("/api/v2/cluster/{fsid}", Access.ROLE_BASED, ctx -> {
            snapshot(ctx, clusters, clock);
            clusters.forget(ctx.pathParam("fsid"));
            ctx.status(204);
        });
        router.get(
                "/api/v1/cluster",
                ctx -> ctx.json(
                        clusters.clusters().stream().map(ClusterRoutes::v1).toList()));
        router.get("/api/v1/cluster/{fsid}", ctx -> ctx.json(v1(snapshot(ctx, clusters, clock))));
        router.get("/api/v1/cluster/{fsid}/health", ctx -> {
            ClusterSnapshot snapshot = snapshot(ctx, clusters, clock);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("report", cephHealth(health(snapshot)));
            body.putAll(v1UpdateTime(snapshot));
            ctx.json(body);
        });
        router.get("/api/v2/cluster/{fsid}/health", ctx -> ctx.json(structuredHealth(snapshot(ctx, clusters, clock))));
    }

    /**
     * The snapshot of the path's {@code {fsid}} (404 if unknown), with its age, reachability and
     * staleness written to the response headers. Every cluster-scoped route starts here.
     */
    public static ClusterSnapshot snapshot(Context ctx, ClusterDirectory clusters, Clock clock) {
        String fsid = ctx.pathParam("fsid");
        ClusterSnapshot snapshot = clusters.cluster(fsid)
                .orElseThrow(() -> CalamariException.notFound("Cluster with fsid '" + fsid + "' not found"));
        ctx.header("X-Calamari-Update-Time", ApiTime.format(snapshot.updateTime()));
        ctx.header(
                "X-Calamari-Snapshot-Age",
                Long.toString(snapshot.age(clock.instant()).toSeconds()));
        ctx.header("X-Calamari-Cluster-Reachable", Boolean.toString(snapshot.reachable()));
        ctx.header("X-Calamari-Snapshot-Stale", Boolean.toString(snapshot.restored()));
        return snapshot;
    }

    private Map<String, Object> v2(ClusterSnapshot snapshot) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("id", snapshot.fsid());
        cluster.put("name", snapshot.name());
        cluster.put("update_time", ApiTime.format(snapshot.updateTime()));
        cluster.put("reachable", snapshot.reachable());
        cluster.put("snapshot_age", snapshot.age(clock.instant()).toSeconds());
        cluster.put("stale", snapshot.restored());
        cluster.put("error", snapshot.lastError().orElse(null));
        return cluster;
    }

    private static Map<String, Object> v1(ClusterSnapshot snapshot) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("id", snapshot.fsid());
        cluster.put("name", snapshot.name());
        cluster.putAll(v1UpdateTime(snapshot));
        return cluster;
    }

    private static Map<String, Object> v1UpdateTime(ClusterSnapshot snapshot) {
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("cluster_update_time", ApiTime.format(snapshot.updateTime()));
        time.put("cluster_update_time_unix", snapshot.updateTime().toEpochMilli());
        return time;
    }

    private static HealthReport health(ClusterSnapshot snapshot) {
        return snapshot.health()
                .map(Part::value)
                .orElseThrow(
                        () -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster health not yet available"));
    }

    /** The health report in Ceph's own JSON shape, as Calamari's v1 passed it through. */
    private static Map<String, Object> cephHealth(HealthReport report) {
        Map<String, Object> checks = new LinkedHashMap<>();
        for (HealthCheck check : sorted(report)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("severity", check.severity());
            body.put("summary", Map.of("message", check.summary(), "count", check.count()));
            body.put(
                    "detail",
                    check.details().stream()
                            .map(message -> Map.of("message", message))
                            .toList());
            body.put("muted", check.muted());
            checks.put(check.code(), body);
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", report.status());
        health.put("checks", checks);
        health.put("mutes", report.mutedCodes());
        return health;
    }

    private Map<String, Object> structuredHealth(ClusterSnapshot snapshot) {
        HealthReport report = health(snapshot);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", report.status());
        health.put(
                "checks",
                sorted(report).stream()
                        .map(check -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("code", check.code());
                            body.put("severity", check.severity());
                            body.put("summary", check.summary());
                            body.put("detail", check.details());
                            body.put("count", check.count());
                            body.put("muted", check.muted());
                            return body;
                        })
                        .toList());
        health.put("update_time", ApiTime.format(snapshot.updateTime()));
        return health;
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "HEALTH_ERR" -> 0;
            case "HEALTH_WARN" -> 1;
            default -> 2;
        };
    }

    private static List<HealthCheck> sorted(HealthReport report) {
        return report.checks().values().stream()
                .sorted(Comparator.comparingInt((HealthCheck check) -> severityRank(check.severity()))
                        .thenComparing(HealthCheck::code))
                .toList();
    }
}
