package io.calamari.server.osd;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Osd;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.request.RequestRoutes;
import io.calamari.server.request.RequestService;
import java.time.Clock;

/**
 * OSD management, as asynchronous requests:
 *
 * <pre>
 * PATCH /api/v2/cluster/{fsid}/osd/{osd_id}                     {"in": false} / {"up": false} /
 *                                                               {"reweight": 0.5} → 202 {"request_id": "…"},
 *                                                               304 when nothing would change
 * POST  /api/v2/cluster/{fsid}/osd/{osd_id}/command/{command}   {} → 202; 409 when the OSD is down
 * PATCH /api/v2/cluster/{fsid}/osd_config                       {"noout": true} → 202 or 304;
 *                                                               400 for an unknown flag
 * </pre>
 */
public final class OsdWriteRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final RequestService requests;
    private final Requests bodies;
    private final Clock clock;

    public OsdWriteRoutes(ClusterDirectory clusters, RequestService requests, Requests bodies, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.requests = requireNonNull(requests, "requests");
        this.bodies = requireNonNull(bodies, "bodies");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        String v2 = "/api/v2/cluster/{fsid}";
        router.patch(v2 + "/osd/{osd_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            Osd osd = OsdRoutes.osd(ctx, snapshot.requireOsdMap());
            RequestRoutes.acceptOrNotModified(
                    ctx, requests, OsdRequests.update(snapshot.name(), osd, bodies.jsonObject(ctx)));
        });
        router.post(v2 + "/osd/{osd_id}/command/{command}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            Osd osd = OsdRoutes.osd(ctx, snapshot.requireOsdMap());
            bodies.jsonObject(ctx);
            RequestRoutes.accept(
                    ctx, requests, OsdRequests.command(snapshot.name(), osd, ctx.pathParam("command")), 202);
        });
        router.patch(v2 + "/osd_config", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            RequestRoutes.acceptOrNotModified(
                    ctx,
                    requests,
                    OsdRequests.flags(snapshot.name(), snapshot.requireOsdMap().map(), bodies.jsonObject(ctx)));
        });
    }
}
