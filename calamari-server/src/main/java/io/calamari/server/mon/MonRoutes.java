package io.calamari.server.mon;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.server.cluster.ClusterDirectory;
import io.calamari.server.cluster.ClusterRoutes;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.ApiRouter;
import io.calamari.server.http.RouteGroup;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitors of a cluster, as Calamari's v2 {@code mon} resources, from the snapshot's mon map
 * and {@code quorum_status}:
 *
 * <pre>
 * GET /api/v2/cluster/{fsid}/mon
 *     [{"name": "a", "rank": 0, "in_quorum": true, "server": "a", "addr": "127.0.0.1:40900/0",
 *       "leader": true}]
 * GET /api/v2/cluster/{fsid}/mon/{mon_id}          one, by mon name; 404 if unknown
 * GET /api/v2/cluster/{fsid}/mon/{mon_id}/status
 *     {"name": "a", "rank": 0, "state": "leader", "election_epoch": 3, "quorum": [0],
 *      "quorum_names": ["a"], "quorum_leader_name": "a", "outside_quorum": [],
 *      "monmap": {"epoch": 1, "fsid": "…", "mons": [{"rank": 0, "name": "a",
 *                 "addr": "127.0.0.1:40900/0", "public_addrs": ["v2:127.0.0.1:40900/0"]}]}}
 * </pre>
 *
 * {@code in_quorum} follows {@link MonQuorum} (a minority quorum counts as none); {@code server}
 * is the mon's host ({@link MonQuorum#host}), as in the {@code server} resources. Calamari's {@code mon/{name}/status} returned the
 * mon's own {@code mon_status}, reported by its salt heartbeat; there are no heartbeats here and
 * Pacific dropped {@code mon_status} from the mon command set, so the status is reconstructed from
 * the cluster's {@code quorum_status}: {@code state} is {@code leader}, {@code peon} (in quorum) or
 * {@code unknown} (outside quorum: probing, electing or synchronizing cannot be told apart). 503
 * until the mon map has been fetched.
 */
public final class MonRoutes implements RouteGroup {
    private final ClusterDirectory clusters;
    private final Clock clock;

    public MonRoutes(ClusterDirectory clusters, Clock clock) {
        this.clusters = requireNonNull(clusters, "clusters");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get("/api/v2/cluster/{fsid}/mon", ctx -> {
            MonQuorum quorum = quorum(ClusterRoutes.snapshot(ctx, clusters, clock));
            ctx.json(quorum.mons().stream().map(mon -> mon(quorum, mon)).toList());
        });
        router.get("/api/v2/cluster/{fsid}/mon/{mon_id}", ctx -> {
            MonQuorum quorum = quorum(ClusterRoutes.snapshot(ctx, clusters, clock));
            ctx.json(mon(quorum, find(quorum, ctx.pathParam("mon_id"))));
        });
        router.get("/api/v2/cluster/{fsid}/mon/{mon_id}/status", ctx -> {
            MonQuorum quorum = quorum(ClusterRoutes.snapshot(ctx, clusters, clock));
            ctx.json(status(quorum, find(quorum, ctx.pathParam("mon_id"))));
        });
    }

    private static MonQuorum quorum(ClusterSnapshot snapshot) {
        return MonQuorum.of(snapshot)
                .orElseThrow(() ->
                        new CalamariException(ErrorCode.SERVICE_UNAVAILABLE, "Cluster mon map not yet available"));
    }

    private static Mon find(MonQuorum quorum, String name) {
        return quorum.monMap()
                .byName(name)
                .orElseThrow(() -> CalamariException.notFound("Object of type mon with id " + name + " not found"));
    }

    private static Map<String, Object> mon(MonQuorum quorum, Mon mon) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", mon.name());
        body.put("rank", mon.rank());
        body.put("in_quorum", quorum.inQuorum(mon.name()));
        body.put("server", MonQuorum.host(mon));
        body.put("addr", mon.address());
        body.put("leader", quorum.isLeader(mon.name()));
        return body;
    }

    private static Map<String, Object> status(MonQuorum quorum, Mon mon) {
        List<Integer> ranks = quorum.quorum().map(QuorumStatus::quorum).orElse(List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", mon.name());
        body.put("rank", mon.rank());
        body.put("state", state(quorum, mon));
        body.put(
                "election_epoch",
                quorum.quorum().map(QuorumStatus::electionEpoch).orElse(0));
        body.put("quorum", ranks);
        body.put("quorum_names", quorum.quorum().map(QuorumStatus::quorumNames).orElse(List.of()));
        body.put(
                "quorum_leader_name",
                quorum.quorum().flatMap(QuorumStatus::leaderName).orElse(null));
        body.put(
                "outside_quorum",
                quorum.mons().stream()
                        .filter(other -> !ranks.contains(other.rank()))
                        .map(Mon::name)
                        .toList());
        Map<String, Object> monmap = new LinkedHashMap<>();
        monmap.put("epoch", quorum.monMap().epoch());
        monmap.put("fsid", quorum.monMap().fsid());
        monmap.put(
                "mons",
                quorum.mons().stream()
                        .map(member -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("rank", member.rank());
                            entry.put("name", member.name());
                            entry.put("addr", member.address());
                            entry.put("public_addrs", member.publicAddresses());
                            return entry;
                        })
                        .toList());
        body.put("monmap", monmap);
        return body;
    }

    private static String state(MonQuorum quorum, Mon mon) {
        if (!quorum.inRawQuorum(mon)) {
            return "unknown";
        }
        return quorum.isLeader(mon.name()) ? "leader" : "peon";
    }
}
