package io.calamari.server.pool;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Pool;
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
 * Pool management, as asynchronous requests:
 *
 * <pre>
 * POST   /api/v2/cluster/{fsid}/pool            {"name": "rbd2", "pg_num": 32, "size": 2,
 *                                                 "application": "rbd"}   → 202 {"request_id": "…"}
 *                                                {"name": "ec", "pg_num": 16, "type": "erasure",
 *                                                 "erasure_code_profile": "default"}
 * PATCH  /api/v2/cluster/{fsid}/pool/{pool_id}   {"pg_num": 64, "quota_max_bytes": 1073741824}
 *                                                → 202, or 304 when nothing would change
 * DELETE /api/v2/cluster/{fsid}/pool/{pool_id}   → 202
 * </pre>
 *
 * <p>Invalid input answers 400 with field-level messages (409 when the name is taken) and sends
 * nothing to Ceph; see {@link PoolRequests}.
 */
public final class PoolWriteRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final RequestService requests;
    private final Requests bodies;
    private final Clock clock;

    public PoolWriteRoutes(ClusterDirectory clusters, RequestService requests, Requests bodies, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.requests = requireNonNull(requests, "requests");
        this.bodies = requireNonNull(bodies, "bodies");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        String v2 = "/api/v2/cluster/{fsid}";
        router.post(v2 + "/pool", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            RequestRoutes.accept(ctx, requests, PoolRequests.create(snapshot, bodies.jsonObject(ctx)), 202);
        });
        router.patch(v2 + "/pool/{pool_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            Pool pool = PoolRoutes.pool(ctx, snapshot);
            RequestRoutes.acceptOrNotModified(
                    ctx, requests, PoolRequests.update(snapshot, pool, bodies.jsonObject(ctx)));
        });
        router.delete(v2 + "/pool/{pool_id}", Access.ROLE_BASED, ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            RequestRoutes.accept(ctx, requests, PoolRequests.delete(PoolRoutes.pool(ctx, snapshot)), 202);
        });
    }
}
