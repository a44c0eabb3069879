package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

import io.calamari.server.ApiTime;
import io.calamari.server.audit.AuditLog;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.PageRequest;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code request} resources of Calamari's v2 API, read from the request store (so they survive
 * restarts):
 *
 * <pre>
 * GET  /api/v2/request                      {"count": 1, "next": null, "previous": null, "results": [
 *                                             {"id": "4f0c…", "state": "complete", "error": false,
 *                                              "error_message": "", "headline": "Creating pool 'rbd2'",
 *                                              "status": "Completed successfully",
 *                                              "requested_at": "2026-11-21T10:00:00.123+00:00",
 *                                              "completed_at": "2026-11-21T10:00:03.456+00:00",
 *                                              "fsid": "…", "requested_by": "admin"}]}
 *      ?state=submitted|complete             (400 "State must be one of complete, submitted")
 *      ?page=2&amp;page_size=10                 newest first
 * GET  /api/v2/request/{request_id}         one; 404 if unknown
 * POST /api/v2/request/{request_id}/cancel  the request, complete with error "Cancelled" (200)
 * GET  /api/v2/cluster/{fsid}/request       as above, for one cluster
 * GET  /api/v2/cluster/{fsid}/request/{request_id}
 * </pre>
 *
 * <p>{@code fsid} and {@code requested_by} are extensions.
 */
public final class RequestRoutes implements RouteGroup {
    private static final int MAXIMUM_PAGE_SIZE = 1000;

    private final RequestService requests;
    private final ClusterDirectory clusters;
    private final Clock clock;

    public RequestRoutes(RequestService requests, ClusterDirectory clusters, Clock clock) {
        this.requests = requireNonNull(requests, "requests");
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/request", ctx -> list(ctx, Optional.empty()));
        router.get("/api/v2/request/{request_id}", ctx -> ctx.json(render(find(ctx, Optional.empty()))));
        router.post("/api/v2/request/{request_id}/cancel", Access.ROLE_BASED, ctx -> {
            String id = ctx.pathParam("request_id");
            UserRequest cancelled = requests.cancel(id).orElseThrow(() -> notFound(id));
            ctx.json(render(cancelled));
        });
        router.get("/api/v2/cluster/{fsid}/request", ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            list(ctx, Optional.of(ctx.pathParam("fsid")));
        });
        router.get("/api/v2/cluster/{fsid}/request/{request_id}", ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(render(find(ctx, Optional.of(ctx.pathParam("fsid")))));
        });
    }

    /**
     * How every mutation answers once validated: stores the plan as a request for the cluster in the
     * path and answers {@code status} (202, or Calamari's 200 for {@code crush_map}) with
     * {@code {"request_id": …}}; the id is also left for the audit log.
     */
    public static void accept(Context ctx, RequestService requests, RequestPlan plan, int status) {
        String username = Requests.principal(ctx).username();
        UserRequest request = requests.submit(ctx.pathParam("fsid"), plan, Optional.of(username));
        ctx.attribute(AuditLog.REQUEST_ID_ATTRIBUTE, request.id());
        ctx.status(status).json(Map.of("request_id", request.id()));
    }

    /** {@link #accept} with 202, or 304 Not Modified (no body) when there is no plan: nothing would change. */
    public static void acceptOrNotModified(Context ctx, RequestService requests, Optional<RequestPlan> plan) {
        if (plan.isPresent()) {
            accept(ctx, requests, plan.get(), 202);
        } else {
            ctx.status(304);
        }
    }

    private void list(Context ctx, Optional<String> fsid) {
        Optional<UserRequest.State> state = Optional.empty();
        String stateParam = ctx.queryParam("state");
        if (stateParam != null) {
            state = Optional.of(UserRequest.State.fromWireName(stateParam)
                    .orElseThrow(() -> new CalamariException(
                            ErrorCode.INVALID_ARGUMENT, "State must be one of complete, submitted")));
        }
        RequestStore.Filter filter = new RequestStore.Filter(fsid, state);
        PageRequest page = PageRequest.of(ctx, MAXIMUM_PAGE_SIZE);
        long count = requests.count(filter);
        page.requireWithin(count);
        List<Map<String, Object>> results = requests.list(filter, page.offset(), page.size()).stream()
                .map(RequestRoutes::render)
                .toList();
        ctx.json(page.body(ctx, count, results));
    }

    private UserRequest find(Context ctx, Optional<String> fsid) {
        String id = ctx.pathParam("request_id");
        return requests.get(id)
                .filter(request -> fsid.isEmpty() || fsid.get().equals(request.fsid()))
                .orElseThrow(() -> notFound(id));
    }

    private static CalamariException notFound(String id) {
        return CalamariException.notFound("Object of type request with id " + id + " not found");
    }

    /** The request as Calamari's {@code RequestSerializer} wrote it, plus {@code fsid} and {@code requested_by}. */
    static Map<String, Object> render(UserRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", request.id());
        body.put("state", request.state().wireName());
        body.put("error", request.error());
        body.put("error_message", request.errorMessage());
        body.put("headline", request.headline());
        body.put("status", request.status());
        body.put("requested_at", ApiTime.format(request.requestedAt()));
        body.put("completed_at", request.completedAt().map(ApiTime::format).orElse(null));
        body.put("fsid", request.fsid());
        body.put("requested_by", request.requestedBy().orElse(null));
        return body;
    }
}
