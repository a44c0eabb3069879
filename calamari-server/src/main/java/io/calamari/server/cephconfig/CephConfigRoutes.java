package io.calamari.server.cephconfig;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster's running configuration, as Calamari's v2 {@code config} resources, from the mon's
 * {@code config show} in the snapshot (every value a string):
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/config        [{"key": "osd_pool_default_size", "value": "2"}, …] sorted by key
 * GET /api/v2/cluster/{fsid}/config/{key}  {"key": "osd_pool_default_size", "value": "2"}
 *                                          404 {"detail": "Key 'x' not found"}
 * </pre>
 *
 * Both answer 503 {@code {"detail": "Cluster configuration unavailable"}} until the configuration
 * has been fetched (or when it came back empty).
 */
public final class CephConfigRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final Clock clock;

    public CephConfigRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/config", ctx -> {
            Map<String, String> config = config(ClusterRoutes.snapshot(ctx, clusters, clock));
            ctx.json(new TreeMap<>(config)
                    .entrySet().stream()
                            .map(entry -> entry(entry.getKey(), entry.getValue()))
                            .toList());
        });
        router.get("/api/v2/cluster/{fsid}/config/{key}", ctx -> {
            Map<String, String> config = config(ClusterRoutes.snapshot(ctx, clusters, clock));
            String key = ctx.pathParam("key");
            String value = config.get(key);
            if (value == null) {
                throw CalamariException.notFound("Key '" + key + "' not found");
            }
            ctx.json(entry(key, value));
        });
    }

    private static Map<String, String> config(ClusterSnapshot snapshot) {
        return snapshot.config()
                .map(Part::value)
                .filter(config -> !config.isEmpty())
                .orElseThrow(() ->
                        new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster configuration unavailable"));
    }

    private static Map<String, Object> entry(String key, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("value", value);
        return body;
    }
}
