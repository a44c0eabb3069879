package io.calamari.server.cluster;

import static java.util.Objects.requireNonNull;

import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calamari's debug access to the objects a cluster's snapshot holds:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/sync_object         ["osd_map", "mon_map", "mon_status", …]
 * GET /api/v2/cluster/{fsid}/sync_object/{type}  the object, e.g. {"version": 42, "data": {…}}
 * </pre>
 *
 * Objects are shown as this server parsed them (Calamari passed Ceph's JSON through), with their
 * version and fetch time. An unknown type is a 404 (Calamari answered 500); one not fetched yet a 503.
 */
public final class SyncObjectRoutes implements RouteGroup {
    static final List<String> TYPES = List.of(
            "osd_map", "mon_map", "mon_status", "quorum_status", "mds_map", "pg_summary", "health", "config", "df");

    private final ClusterDirectory clusters;
    private final Clock clock;

    public SyncObjectRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/sync_object", ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(TYPES);
        });
        router.get("/api/v2/cluster/{fsid}/sync_object/{sync_type}", this::syncObject);
    }

    private void syncObject(Context ctx) {
        ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
        String type = ctx.pathParam("sync_type");
        Optional<? extends Part<?>> part = switch (type) {
            case "osd_map" -> snapshot.osdMap().map(SyncObjectRoutes::osdMapView);
            case "mon_map" -> snapshot.monMap();
            case "mon_status", "quorum_status" -> snapshot.quorum();
            case "mds_map" -> snapshot.fsMap();
            case "pg_summary" -> snapshot.pgSummary();
            case "health" -> snapshot.health();
            case "config" -> snapshot.config();
            case "df" -> snapshot.df();
            default -> throw CalamariException.notFound("Unknown sync object type '" + type + "'");
        };
        Part<?> found = part.orElseThrow(() -> new CalamariException(
                ErrorCode.SERVICE_UNAVAILABLE, "Sync object '" + type + "' has not been fetched yet"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", found.version());
        body.put("fetched_at", io.calamari.server.ApiTime.format(found.fetchedAt()));
        body.put("data", found.value());
        ctx.json(body);
    }

    /** The OSD map with the objects fetched at its epoch, without the derived indexes. */
    private static Part<Map<String, Object>> osdMapView(Part<OsdMapPart> part) {
        OsdMapPart osdMap = part.value();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("osd_map", osdMap.map());
        view.put("tree", osdMap.tree());
        view.put("crush", osdMap.crush());
        view.put("osd_metadata", osdMap.metadata());
        return new Part<>(view, part.version(), part.fetchedAt());
    }
}
