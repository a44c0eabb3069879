package io.calamari.server.crush;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.CompiledCrushMap;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import java.time.Clock;

/**
 * The CRUSH map as text, as Calamari's {@code crush_map} resource (a JSON string):
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/crush_map → "# begin crush map\ntunable choose_local_tries 0\n…"
 * </pre>
 *
 * 503 when the map has not been fetched yet or {@code crushtool} is not installed.
 */
public final class CrushMapRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final Clock clock;
    private final CrushTool crushTool;

    public CrushMapRoutes(ClusterDirectory clusters, Clock clock, CrushTool crushTool) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
        this.crushTool = requireNonNull(crushTool, "crushTool");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/crush_map", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            CompiledCrushMap compiled = snapshot.osdMap()
                    .map(Part::value)
                    .flatMap(OsdMapPart::compiledCrush)
                    .orElseThrow(() -> new CalamariException(
                            ErrorCode.SERVICE_UNAVAILABLE, "The CRUSH map has not been fetched from the cluster yet"));
            ctx.json(crushTool.decompile(compiled));
        });
    }
}
