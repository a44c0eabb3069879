package io.calamari.server.request;

import io.calamari.server.http.Requests;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * How every mutation answers: 202 with {@code {"request_id": …}} once the request is stored, or 304
 * with no body when the change would change nothing. The request id is also left on the context
 * for the audit log ({@link AuditLog#REQUEST_ID_ATTRIBUTE}).
 */
public final class Accepted {
    private Accepted() {}

    /** Submits the plan for the cluster in the path and answers 202. */
    public static void submit(Context ctx, RequestService requests, RequestPlan plan) {
        submit(ctx, requests, plan, 202);
    }

    /** As {@link #submit(Context, RequestService, RequestPlan)} with another success status (Calamari's 200 for crush_map). */
    public static void submit(Context ctx, RequestService requests, RequestPlan plan, int status) {
        String username = Requests.principal(ctx).username();
        UserRequest request = requests.submit(ctx.pathParam("fsid"), plan, Optional.of(username));
        ctx.attribute(AuditLog.REQUEST_ID_ATTRIBUTE, request.id());
        ctx.status(status).json(Map.of("request_id", request.id()));
    }

    /** Submits the plan if there is one, else answers 304 Not Modified. */
    public static void submitOrNotModified(Context ctx, RequestService requests, Optional<RequestPlan> plan) {
        if (plan.isPresent()) {
            submit(ctx, requests, plan.get());
        } else {
            ctx.status(304);
        }
    }
}
