package io.calamari.server.http;

import static java.util.Objects.requireNonNull;

import io.calamari.server.auth.Principal;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Registers routes with Javalin and remembers them. Every handler is wrapped so that, before it runs,
 * the {@link SecurityGate} admits the request for the route's {@link Access} and the {@code Allow}
 * header lists the methods this user may call (readonly users see {@code GET, HEAD, OPTIONS}, as in
 * Calamari). HEAD and OPTIONS are added for every path. The route pattern and path parameters are kept
 * as request attributes for the access log and the {@link AuditRecorder}. The recorded routes let a
 * test check the OpenAPI document against the code. Used only while the server is being built.
 */
public final class ApiRouter {
    /** One registered route. */
    public record Route(String method, String path, Access access) {}

    static final String ROUTE_ATTRIBUTE = "calamari.route";
    /** The matched route's path parameters, kept for after-handlers (which see only their own). */
    static final String PATH_PARAMETERS_ATTRIBUTE = "calamari.path-parameters";

    private static final String EVENT_STREAM = "text/event-stream";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final RoutesConfig routes;
    private final SecurityGate gate;
    private final List<Route> registered = new ArrayList<>();
    private final Map<String, Map<String, Access>> accessByPath = new LinkedHashMap<>();

    ApiRouter(RoutesConfig routes, SecurityGate gate) {
        this.routes = requireNonNull(routes, "routes");
        this.gate = requireNonNull(gate, "gate");
    }

    public void get(String path, Handler handler) {
        add("GET", path, Access.ROLE_BASED, handler);
    }

    public void get(String path, Access access, Handler handler) {
        add("GET", path, access, handler);
    }

    public void post(String path, Access access, Handler handler) {
        add("POST", path, access, handler);
    }

    public void put(String path, Access access, Handler handler) {
        add("PUT", path, access, handler);
    }

    public void patch(String path, Access access, Handler handler) {
        add("PATCH", path, access, handler);
    }

    public void delete(String path, Access access, Handler handler) {
        add("DELETE", path, access, handler);
    }

    /**
     * A Server-Sent Events stream at {@code path} (GET). {@code open} runs first, as an ordinary
     * handler: it validates the request (its exceptions become the usual 4xx answers) and returns
     * what to do once the stream's headers are out. The stream stays open while that runs, or longer
     * when it calls {@link SseClient#keepAlive()}. A request that does not accept
     * {@code text/event-stream} gets 406 with a message saying so; HEAD answers the headers only.
     */
    public void sse(String path, Access access, Function<Context, Consumer<SseClient>> open) {
        add("GET", path, access, ctx -> {
            if (ctx.method() == HandlerType.HEAD) {
                ctx.contentType(EVENT_STREAM);
                return;
            }
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains(EVENT_STREAM)) {
                throw new CalamariException(
                        ErrorCode.NOT_ACCEPTABLE,
                        "This resource is a Server-Sent Events stream: send 'Accept: " + EVENT_STREAM + "'");
            }
            new SseHandler(open.apply(ctx)).handle(ctx);
        });
    }

    /** Every route added so far, in order (HEAD and OPTIONS not included). */
    public List<Route> routes() {
        return List.copyOf(registered);
    }

    private void add(String method, String path, Access access, Handler handler) {
        boolean newPath = !accessByPath.containsKey(path);
        Map<String, Access> methods = accessByPath.computeIfAbsent(path, ignored -> new LinkedHashMap<>());
        if (methods.putIfAbsent(method, access) != null) {
            throw new IllegalStateException("route registered twice: " + method + " " + path);
        }
        registered.add(new Route(method, path, access));
        routes.addHttpHandler(HandlerType.findOrCreate(method), path, wrap(method, path, access, handler));
        if (method.equals("GET")) {
            routes.addHttpHandler(HandlerType.HEAD, path, wrap("HEAD", path, access, handler));
        }
        if (newPath) {
            routes.addHttpHandler(HandlerType.OPTIONS, path, wrap("OPTIONS", path, access, ctx -> ctx.json(Map.of())));
        }
    }

    private Handler wrap(String method, String path, Access access, Handler handler) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            ctx.attribute(PATH_PARAMETERS_ATTRIBUTE, Map.copyOf(ctx.pathParamMap()));
            Optional<Principal> principal = gate.admit(ctx, method, access);
            ctx.header("Allow", allowedMethods(path, principal));
            handler.handle(ctx);
        };
    }

    private String allowedMethods(String path, Optional<Principal> principal) {
        StringJoiner allowed = new StringJoiner(", ");
        accessByPath.getOrDefault(path, Map.of()).forEach((method, access) -> {
            if (SecurityGate.permits(access, method, principal)) {
                allowed.add(method);
            }
        });
        if (accessByPath.getOrDefault(path, Map.of()).containsKey("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed.toString();
    }

    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method);
    }

    /** The route pattern a request matched, for logs and metrics. */
    static String routeOf(Context ctx) {
        String route = ctx.attribute(ROUTE_ATTRIBUTE);
        return route == null ? "unmatched" : route;
    }
}
