package io.calamari.server.audit;

import static java.util.Objects.requireNonNull;

import io.calamari.server.ApiTime;
import io.calamari.server.error.FieldErrors;
import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.PageRequest;
import io.calamari.server.http.Requests;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The audit log, an extension to Calamari's v2 API, for superusers:
 *
 * <pre>
 * GET /api/v2/audit   {"count": 42, "next": "http://…/api/v2/audit?page=2", "previous": null,
 *                      "results": [{"id": 42, "at": "2026-03-01T12:00:00.000000+00:00", "user": "admin",
 *                                   "address": "192.0.2.7", "method": "PATCH", "path": "/api/v2/user/3",
 *                                   "fsid": null, "action": "PATCH /api/v2/user/{id} {\"password\":\"********\"}",
 *                                   "request_id": null, "status": 200, "outcome": "succeeded"}]}
 *     ?page=2&amp;page_size=50        newest first; page size 10 unless given, at most 1000
 *     ?user=admin                 only this user's entries (for logins: the attempted username)
 *     ?fsid=…                     only requests to this cluster
 *     ?since=2026-03-01T00:00:00Z only entries at or after this instant (ISO-8601 with offset)
 *     ?until=2026-03-02T00:00:00Z only entries before this instant
 *     ?outcome=denied             only this outcome (see {@link AuditOutcome})
 *     → 400 {"since": ["…"]} for a bad time or outcome, 400 {"detail": "Invalid page."}
 * </pre>
 */
public final class AuditRoutes implements RouteGroup {
    /** The largest page size; larger requests get pages of this size. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = requireNonNull(audit, "audit");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/audit", Access.SUPERUSER, this::list);
    }

    private void list(Context ctx) {
        AuditFilter filter = filter(ctx);
        PageRequest page = PageRequest.of(ctx, MAX_PAGE_SIZE);
        AuditPage entries = audit.list(filter, page.offset(), page.size());
        page.requireWithin(entries.count());
        ctx.json(page.body(
                ctx,
                entries.count(),
                entries.entries().stream().map(AuditRoutes::view).toList()));
    }

    private static AuditFilter filter(Context ctx) {
        FieldErrors errors = new FieldErrors();
        AuditFilter filter = AuditFilter.none()
                .withUsername(ctx.queryParam("user"))
                .withFsid(ctx.queryParam("fsid"))
                .withSince(instant(ctx, "since", errors))
                .withUntil(instant(ctx, "until", errors))
                .withOutcome(outcome(ctx, errors));
        errors.throwIfAny();
        return filter;
    }

    private static @Nullable Instant instant(Context ctx, String parameter, FieldErrors errors) {
        return Requests.queryInstant(ctx, parameter, errors).orElse(null);
    }

    private static @Nullable AuditOutcome outcome(Context ctx, FieldErrors errors) {
        String name = ctx.queryParam("outcome");
        if (name == null) {
            return null;
        }
        Optional<AuditOutcome> outcome = AuditOutcome.fromWireName(name);
        if (outcome.isEmpty()) {
            errors.add(
                    "outcome",
                    "\"" + name + "\" is not a valid choice. Choose one of: "
                            + String.join(", ", AuditOutcome.wireNames()) + ".");
        }
        return outcome.orElse(null);
    }

    private static Map<String, @Nullable Object> view(AuditEntry entry) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("at", ApiTime.format(entry.at()));
        view.put("user", entry.username());
        view.put("address", entry.address());
        view.put("method", entry.method());
        view.put("path", entry.path());
        view.put("fsid", entry.fsid());
        view.put("action", entry.action());
        view.put("request_id", entry.requestId());
        view.put("status", entry.status());
        view.put("outcome", entry.outcome().wireName());
        return view;
    }
}
