package io.calamari.server.info;

import static java.util.Objects.requireNonNull;

import io.calamari.server.http.Access;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v2/info}, anonymous, as Calamari:
 *
 * <pre>
 * {"version": "0.1.0", "license": "N/A", "registered": "N/A",
 *  "hostname": "mgmt1", "fqdn": "mgmt1.example.com", "ipaddr": "192.0.2.10"}
 * </pre>
 */
public final class InfoRoutes implements RouteGroup {
    private final Map<String, Object> info;

    public InfoRoutes(String version, HostIdentity host) {
        requireNonNull(host, "host");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", requireNonNull(version, "version"));
        fields.put("license", "N/A");
        fields.put("registered", "N/A");
        fields.put("hostname", host.hostname());
        fields.put("fqdn", host.fqdn());
        fields.put("ipaddr", host.ipAddress());
        this.info = Collections.unmodifiableMap(fields);
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/info", Access.PUBLIC, ctx -> ctx.json(info));
    }
}
