package io.calamari.server.osd;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Osd;
import io.calamari.ceph.model.OsdMap;
import io.calamari.ceph.model.OsdMapIndex;
import io.calamari.ceph.model.OsdMetadata;
import io.calamari.ceph.model.PgSummary;
import io.calamari.ceph.model.Pool;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.PageRequest;
import io.calamari.server.http.RouteGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * OSDs, as Calamari's v2 {@code osd}, {@code osd/…/command} and {@code osd_config} resources and the
 * v1 {@code osd} resource the dashboard reads, served from the cluster's latest snapshot:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/osd             [{"id": 1, "uuid": "…", "up": true, "in": false,
 *                                              "reweight": 0.0, "server": "node1", "pools": [1, 2, 6, 7],
 *                                              "valid_commands": ["scrub", "deep_scrub", "repair"],
 *                                              "public_addr": "127.0.0.1:6809/10290", "cluster_addr": "…",
 *                                              "crush_node_ancestry": [[-5, -1]],
 *                                              "backend_partition_path": null, "backend_device_node": null,
 *                                              "osd_data": "/var/lib/ceph/osd/ceph-1", "osd_journal": null}]
 *     ?pool=2                                 only the OSDs pool 2 can place data on (400 if not an
 *                                             integer: "Pool ID must be an integer"; 404 if unknown)
 *     ?id__in[]=0&amp;id__in[]=2              only these OSDs (400 "Invalid OSD ID in list")
 *     ?page=1&amp;page_size=2                 extension: {"count": 3, "next": "http://…?page=2&amp;page_size=2",
 *                                             "previous": null, "results": [...]} (400 "Invalid page.")
 * GET /api/v2/cluster/{fsid}/osd/{osd_id}    one; 404 if unknown
 * GET /api/v2/cluster/{fsid}/osd/command     ["scrub", "deep_scrub", "repair"]
 * GET /api/v2/cluster/{fsid}/osd/{osd_id}/command            {"1": {"valid_commands": ["scrub", …]}}
 * GET /api/v2/cluster/{fsid}/osd/{osd_id}/command/{command}  {"valid": true}; 404 for an unknown command
 * GET /api/v2/cluster/{fsid}/osd_config      {"pause": true, "noup": false, …, "nodeep-scrub": false}
 * GET /api/v1/cluster/{fsid}/osd             {"osds": [{"id": 0, "osd": 0, "uuid": "…", "up": 1, "in": 1,
 *                                              "up_from": 5, "public_addr": "…", "cluster_addr": "…",
 *                                              "heartbeat_back_addr": "…", "heartbeat_front_addr": "…",
 *                                              "pg_states": {"active": 17, "clean": 13}, "pools": ["rbd"],
 *                                              "fqdn": "node0", "host": "node0"}],
 *                                             "pg_state_counts": {"active": 3, "clean": 3}}
 *     ?pg_states=remapped,degraded            only OSDs holding a PG in one of these states
 * GET /api/v1/cluster/{fsid}/osd/{osd_id}    {"osd": {the OSD's {@code osd dump} entry}}
 * </pre>
 *
 * <p>{@code server} and v1's {@code fqdn}/{@code host} are the CRUSH host bucket holding the OSD (else
 * the hostname in its metadata), as there is no server inventory yet. v1's {@code pg_states} splits
 * each combined PG state ({@code active+clean}) into its component states and counts the PGs of the
 * OSD's acting sets per component; {@code pg_state_counts} counts the OSDs that have a PG in each
 * component state. Answers 503 while the snapshot has no OSD map (or, for v1 {@code osd}, no PG
 * summary).
 */
public final class OsdRoutes implements RouteGroup {
    /** The OSD commands Calamari implements, in its order. */
    public static final List<String> COMMANDS = List.of("scrub", "deep_scrub", "repair");

    private final ClusterDirectory clusters;
    private final Clock clock;

    public OsdRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        String v2 = "/api/v2/cluster/{fsid}";
        router.get(v2 + "/osd", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            respondMaybePaged(ctx, filtered(ctx, part), osd -> v2(part, osd));
        });
        // Before osd/{osd_id}: Javalin matches in registration order.
        router.get(v2 + "/osd/command", ctx -> {
            ClusterRoutes.snapshot(ctx, clusters, clock);
            ctx.json(COMMANDS);
        });
        router.get(v2 + "/osd/{osd_id}", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            ctx.json(v2(part, osd(ctx, part)));
        });
        router.get(v2 + "/osd/{osd_id}/command", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            Osd osd = osd(ctx, part);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(Integer.toString(osd.id()), Map.of("valid_commands", validCommands(osd)));
            ctx.json(body);
        });
        router.get(v2 + "/osd/{osd_id}/command/{command}", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            Osd osd = osd(ctx, part);
            String command = ctx.pathParam("command");
            if (!COMMANDS.contains(command)) {
                throw CalamariException.notFound("Unknown command '" + command + "'");
            }
            ctx.json(Map.of("valid", validCommands(osd).contains(command)));
        });
        router.get(v2 + "/osd_config", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            ctx.json(part.map().calamariFlags());
        });

        String v1 = "/api/v1/cluster/{fsid}";
        router.get(v1 + "/osd", ctx -> ctx.json(v1List(ctx, ClusterRoutes.snapshot(ctx, clusters, clock))));
        router.get(v1 + "/osd/{osd_id}", ctx -> {
            OsdMapPart part = ClusterRoutes.snapshot(ctx, clusters, clock).requireOsdMap();
            ctx.json(Map.of("osd", osdDump(osd(ctx, part))));
        });
    }

    /** The OSD commands valid on this OSD now: all of them if it is up, else none. */
    public static List<String> validCommands(Osd osd) {
        return osd.up() ? COMMANDS : List.of();
    }

    /** The snapshot's OSD map part, or 503 while it has none. */

    /** The OSD named by the {@code osd_id} path parameter; 404 when there is none. */
    static Osd osd(Context ctx, OsdMapPart part) {
        String id = ctx.pathParam("osd_id");
        return parseInt(id)
                .flatMap(part.map()::osd)
                .orElseThrow(() -> CalamariException.notFound("Object of type osd with id " + id + " not found"));
    }

    private static List<Osd> filtered(Context ctx, OsdMapPart part) {
        OsdMap map = part.map();
        List<Osd> osds = map.osds(); // in id order
        String pool = ctx.queryParam("pool");
        if (pool != null) {
            int poolId = parseInt(pool)
                    .orElseThrow(() -> new CalamariException(ErrorCode.INVALID_ARGUMENT, "Pool ID must be an integer"));
            if (map.pool(poolId).isEmpty()) {
                throw CalamariException.notFound("Pool " + poolId + " not found");
            }
            Set<Integer> inPool = part.index().osdsForPool(poolId);
            osds = osds.stream().filter(osd -> inPool.contains(osd.id())).toList();
        }
        List<String> ids = ctx.queryParams("id__in[]");
        if (!ids.isEmpty()) {
            Set<Integer> wanted = new LinkedHashSet<>();
            for (String id : ids) {
                wanted.add(parseInt(id)
                        .orElseThrow(
                                () -> new CalamariException(ErrorCode.INVALID_ARGUMENT, "Invalid OSD ID in list")));
            }
            osds = osds.stream().filter(osd -> wanted.contains(osd.id())).toList();
        }
        return osds;
    }

    private static Map<String, Object> v2(OsdMapPart part, Osd osd) {
        OsdMapIndex index = part.index();
        Optional<OsdMetadata> metadata = part.metadata(osd.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", osd.id());
        body.put("uuid", osd.uuid());
        body.put("up", osd.up());
        body.put("in", osd.in());
        body.put("reweight", index.reweight(osd.id()));
        body.put("server", index.host(osd.id()).orElse(null));
        body.put("pools", sortedPools(index, osd));
        body.put("valid_commands", validCommands(osd));
        body.put("public_addr", osd.publicAddress());
        body.put("cluster_addr", osd.clusterAddress());
        body.put("crush_node_ancestry", index.crushAncestry(osd.id()));
        body.put(
                "backend_partition_path",
                metadata.flatMap(OsdMetadata::backendPartitionPath).orElse(null));
        body.put(
                "backend_device_node",
                metadata.flatMap(OsdMetadata::backendDeviceNode).orElse(null));
        body.put("osd_data", metadata.flatMap(OsdMetadata::osdData).orElse(null));
        body.put("osd_journal", metadata.flatMap(OsdMetadata::osdJournal).orElse(null));
        return body;
    }

    private static List<Integer> sortedPools(OsdMapIndex index, Osd osd) {
        return index.poolsForOsd(osd.id()).stream().sorted().toList();
    }

    // ---------------------------------------------------------------- pagination (extension)

    /**
     * The list as is, or, when {@code page} or {@code page_size} is given, one page of it in the
     * shape of Calamari's paginated resources. Only the items shown are rendered, so a page of a
     * 10,000-OSD list costs one page of work.
     */
    private static <T> void respondMaybePaged(Context ctx, List<T> items, Function<T, Map<String, Object>> render) {
        Optional<PageRequest> requested = PageRequest.ifRequested(ctx, Integer.MAX_VALUE);
        if (requested.isEmpty()) {
            ctx.json(items.stream().map(render).toList());
            return;
        }
        PageRequest page = requested.get();
        page.requireWithin(items.size());
        int from = (int) page.offset();
        int to = Math.min(items.size(), from + page.size());
        ctx.json(page.body(
                ctx, items.size(), items.subList(from, to).stream().map(render).toList()));
    }

    // ---------------------------------------------------------------- v1

    private static Map<String, Object> v1List(Context ctx, ClusterSnapshot snapshot) {
        OsdMapPart part = snapshot.requireOsdMap();
        PgSummary pgs = snapshot.pgSummary()
                .map(Part::value)
                .orElseThrow(
                        () -> new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "PG summary not yet available"));
        Map<Integer, String> poolNames =
                part.map().pools().stream().collect(Collectors.toMap(Pool::id, Pool::name, (first, second) -> first));
        Map<String, Set<Integer>> osdsByState = new TreeMap<>();
        List<Map<String, Object>> osds = new ArrayList<>();
        Map<Integer, Map<String, Long>> statesByOsd = new LinkedHashMap<>();
        List<Osd> sorted = part.map().osds().stream()
                .sorted(Comparator.comparingInt(Osd::id))
                .toList();
        for (Osd osd : sorted) {
            Map<String, Long> states = componentStates(pgs.byOsd().getOrDefault(osd.id(), Map.of()));
            statesByOsd.put(osd.id(), states);
            states.keySet()
                    .forEach(state -> osdsByState
                            .computeIfAbsent(state, ignored -> new LinkedHashSet<>())
                            .add(osd.id()));
        }
        String filter = ctx.queryParam("pg_states");
        Set<String> wanted = filter == null || filter.isBlank()
                ? Set.of()
                : Arrays.stream(filter.split(","))
                        .map(String::trim)
                        .filter(state -> !state.isEmpty())
                        .collect(Collectors.toSet());
        for (Osd osd : sorted) {
            Map<String, Long> states = statesByOsd.getOrDefault(osd.id(), Map.of());
            if (!wanted.isEmpty() && wanted.stream().noneMatch(states::containsKey)) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", osd.id());
            body.put("osd", osd.id());
            body.put("uuid", osd.uuid());
            body.put("up", osd.up() ? 1 : 0);
            body.put("in", osd.in() ? 1 : 0);
            body.put("up_from", osd.upFrom());
            body.put("public_addr", osd.publicAddress());
            body.put("cluster_addr", osd.clusterAddress());
            body.put("heartbeat_back_addr", osd.heartbeatBackAddress());
            body.put("heartbeat_front_addr", osd.heartbeatFrontAddress());
            body.put("pg_states", states);
            body.put(
                    "pools",
                    sortedPools(part.index(), osd).stream()
                            .map(poolNames::get)
                            .filter(Objects::nonNull)
                            .toList());
            @Nullable String host = part.index().host(osd.id()).orElse(null);
            body.put("fqdn", host);
            body.put("host", host);
            osds.add(body);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        osdsByState.forEach((state, ids) -> counts.put(state, ids.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("osds", osds);
        body.put("pg_state_counts", counts);
        return body;
    }

    /** PG counts per component state: {@code active+clean: 3} counts 3 for active and 3 for clean. */
    private static Map<String, Long> componentStates(Map<String, Long> combined) {
        Map<String, Long> states = new TreeMap<>();
        combined.forEach((state, count) -> {
            for (String component : state.split("\\+")) {
                if (!component.isEmpty()) {
                    states.merge(component, count, Long::sum);
                }
            }
        });
        return states;
    }

    /** One OSD as {@code osd dump} shows it (Calamari v1 passed the raw entry through). */
    private static Map<String, Object> osdDump(Osd osd) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("osd", osd.id());
        body.put("uuid", osd.uuid());
        body.put("up", osd.up() ? 1 : 0);
        body.put("in", osd.in() ? 1 : 0);
        body.put("weight", osd.weight());
        body.put("primary_affinity", osd.primaryAffinity());
        body.put("up_from", osd.upFrom());
        body.put("up_thru", osd.upThrough());
        body.put("down_at", osd.downAt());
        body.put("lost_at", osd.lostAt());
        body.put("public_addr", osd.publicAddress());
        body.put("cluster_addr", osd.clusterAddress());
        body.put("heartbeat_back_addr", osd.heartbeatBackAddress());
        body.put("heartbeat_front_addr", osd.heartbeatFrontAddress());
        body.put("state", osd.state());
        return body;
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
