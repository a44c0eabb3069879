package io.calamari.server.node;

import static java.util.Objects.requireNonNull;

import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.error.CalamariException;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.node.ServerInventory.ClusterServer;
import io.calamari.server.node.ServerInventory.Server;
import io.calamari.server.node.ServerInventory.Service;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Servers (hosts) and their Ceph services, as Calamari's v2 {@code server} and v1 {@code
 * cluster/{fsid}/server} resources, derived from the clusters' snapshots by {@link ServerInventory}
 * (every server is unmanaged until agents exist):
 *
 * <pre>
 * GET /api/v2/server
 *     [{"fqdn": "node0", "hostname": "node0", "managed": false, "last_contact": null,
 *       "boot_time": null, "ceph_version": "ceph version 16.2.15 (…) pacific (stable)",
 *       "services": [{"fsid": "…", "type": "osd", "id": "0", "running": true}]}]
 * GET /api/v2/server/{fqdn}                      one; 404 if unknown
 * GET /api/v2/cluster/{fsid}/server              as above with only this cluster's services, plus
 *     "frontend_addr": "10.0.0.1", "backend_addr": "10.1.0.1", "frontend_iface": null,
 *     "backend_iface": null
 * GET /api/v2/cluster/{fsid}/server/{fqdn}       one; 404 if unknown or not in this cluster
 * GET /api/v1/cluster/{fsid}/server
 *     [{"addr": "node0", "hostname": "node0", "name": "node0",
 *       "services": [{"type": "osd", "service_id": "0", "name": "osd.0"}]}]
 * </pre>
 *
 * The global list spans every monitored cluster: a host in two clusters is one server with the
 * services of both. Interfaces are null because only an agent on the host could name them. An
 * {@code fqdn} outside {@code [a-zA-Z0-9-.]+} is 404, as Calamari's URL pattern made it.
 */
public final class ServerRoutes implements RouteGroup {
    private static final Pattern FQDN = Pattern.compile("[a-zA-Z0-9-.]+");

    private final ClusterDirectory clusters;
    private final Clock clock;

    public ServerRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get(
                "/api/v2/server",
                ctx -> ctx.json(ServerInventory.of(clusters.clusters()).servers().stream()
                        .map(ServerRoutes::server)
                        .toList()));
        router.get("/api/v2/server/{fqdn}", ctx -> {
            String fqdn = fqdn(ctx.pathParam("fqdn"));
            ctx.json(server(ServerInventory.of(clusters.clusters()).server(fqdn).orElseThrow(() -> notFound(fqdn))));
        });
        router.get("/api/v2/cluster/{fsid}/server", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(ServerInventory.clusterServers(snapshot).stream()
                    .map(ServerRoutes::clusterServer)
                    .toList());
        });
        router.get("/api/v2/cluster/{fsid}/server/{fqdn}", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            String fqdn = fqdn(ctx.pathParam("fqdn"));
            ctx.json(clusterServer(ServerInventory.clusterServers(snapshot).stream()
                    .filter(server -> server.server().fqdn().equals(fqdn))
                    .findFirst()
                    .orElseThrow(() -> notFound(fqdn))));
        });
        router.get("/api/v1/cluster/{fsid}/server", ctx -> {
            ClusterSnapshot snapshot = ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(ServerInventory.clusterServers(snapshot).stream()
                    .map(server -> v1(server.server()))
                    .toList());
        });
    }

    private static String fqdn(String fqdn) {
        if (!FQDN.matcher(fqdn).matches()) {
            throw notFound(fqdn);
        }
        return fqdn;
    }

    private static CalamariException notFound(String fqdn) {
        return CalamariException.notFound("Object of type server with id " + fqdn + " not found");
    }

    private static Map<String, Object> server(Server server) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fqdn", server.fqdn());
        body.put("hostname", server.hostname());
        body.put("managed", false);
        body.put("last_contact", null);
        body.put("boot_time", null);
        body.put("ceph_version", server.cephVersion().orElse(null));
        body.put("services", services(server.services()));
        return body;
    }

    private static Map<String, Object> clusterServer(ClusterServer server) {
        Map<String, Object> body = server(server.server());
        body.put("frontend_addr", server.frontendAddr().orElse(null));
        body.put("backend_addr", server.backendAddr().orElse(null));
        body.put("frontend_iface", null);
        body.put("backend_iface", null);
        return body;
    }

    private static List<Map<String, Object>> services(List<Service> services) {
        return services.stream()
                .map(service -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("fsid", service.fsid());
                    body.put("type", service.type());
                    body.put("id", service.id());
                    body.put("running", service.running());
                    return body;
                })
                .toList();
    }

    private static Map<String, Object> v1(Server server) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("addr", server.fqdn());
        body.put("hostname", server.hostname());
        body.put("name", server.hostname());
        body.put(
                "services",
                server.services().stream()
                        .map(service -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("type", service.type());
                            entry.put("service_id", service.id());
                            entry.put("name", service.type() + "." + service.id());
                            return entry;
                        })
                        .toList());
        return body;
    }
}
