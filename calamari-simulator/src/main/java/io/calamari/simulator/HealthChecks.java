package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The health checks a simulated cluster's state raises, computed on demand: {@code OSDMAP_FLAGS}
 * for flags an operator set, {@code OSD_DOWN} for
 * down OSDs, {@code PG_AVAILABILITY} for PGs with fewer than {@code min_size} copies up and
 * {@code PG_DEGRADED} for PGs missing copies. Like the monitors, a check lists at most
 * {@value #MAX_DETAIL} detail lines. Called with the cluster's lock held. Stateless.
 */
final class HealthChecks {
    static final int MAX_DETAIL = 50;

    /** One raised check, with Ceph's code, severity, summary and detail lines. */
    record Check(String code, String severity, String message, int count, List<String> detail) {
        Check {
            requireNonNull(code, "code");
            requireNonNull(severity, "severity");
            requireNonNull(message, "message");
            detail = List.copyOf(detail);
        }
    }

    private HealthChecks() {}

    static List<Check> of(SimulatedCluster cluster) {
        List<Check> checks = new ArrayList<>();
        List<String> flags = OsdMapFlags.operatorNames(cluster.flags());
        if (!flags.isEmpty()) {
            checks.add(new Check(
                    "OSDMAP_FLAGS", "HEALTH_WARN", String.join(",", flags) + " flag(s) set", flags.size(), List.of()));
        }
        List<String> down = new ArrayList<>();
        int downCount = 0;
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            if (!cluster.osdUp(osd)) {
                downCount++;
                if (down.size() < MAX_DETAIL) {
                    down.add("osd." + osd + " (root=default,host=" + SimulatedCluster.hostName(cluster.hostOf(osd))
                            + ") is down");
                }
            }
        }
        if (downCount > 0) {
            checks.add(new Check("OSD_DOWN", "HEALTH_WARN", downCount + " osds down", downCount, down));
            addHostsDown(cluster, checks);
        }
        int inactive = 0;
        int degraded = 0;
        List<String> inactiveDetail = new ArrayList<>();
        List<String> degradedDetail = new ArrayList<>();
        for (SimulatedPool pool : cluster.pools()) {
            for (int index = 0; index < pool.pgNum(); index++) {
                PlacementGroupState state = cluster.placementGroupState(pool.firstPlacementGroup() + index);
                if (state == PlacementGroupState.ACTIVE_CLEAN) {
                    continue;
                }
                degraded++;
                addDetail(cluster, pool, index, state, degradedDetail);
                if (state == PlacementGroupState.INACTIVE || state == PlacementGroupState.STALE) {
                    inactive++;
                    addDetail(cluster, pool, index, state, inactiveDetail);
                }
            }
        }
        if (inactive > 0) {
            checks.add(new Check(
                    "PG_AVAILABILITY",
                    "HEALTH_WARN",
                    "Reduced data availability: " + inactive + " pgs inactive",
                    inactive,
                    inactiveDetail));
        }
        if (degraded > 0) {
            checks.add(new Check(
                    "PG_DEGRADED",
                    "HEALTH_WARN",
                    "Degraded data redundancy: " + degraded + " pgs degraded, " + degraded + " pgs undersized",
                    degraded,
                    degradedDetail));
        }
        return List.copyOf(checks);
    }

    /** {@code OSD_HOST_DOWN}: hosts all of whose OSDs are down. */
    private static void addHostsDown(SimulatedCluster cluster, List<Check> checks) {
        int perHost = cluster.spec().osdsPerHost();
        List<String> detail = new ArrayList<>();
        int hostsDown = 0;
        for (int host = 0; host < cluster.spec().hosts(); host++) {
            boolean allDown = true;
            for (int osd = host * perHost; osd < (host + 1) * perHost && allDown; osd++) {
                allDown = !cluster.osdUp(osd);
            }
            if (allDown) {
                hostsDown++;
                if (detail.size() < MAX_DETAIL) {
                    detail.add("host " + SimulatedCluster.hostName(host) + " (root=default) (" + perHost
                            + " osds) is down");
                }
            }
        }
        if (hostsDown > 0) {
            String message =
                    hostsDown + (hostsDown == 1 ? " host (" : " hosts (") + hostsDown * perHost + " osds) down";
            checks.add(new Check("OSD_HOST_DOWN", "HEALTH_WARN", message, hostsDown, detail));
        }
    }

    /** {@code pg 2.1f is active+undersized+degraded, acting [3,7]}, while fewer than {@value #MAX_DETAIL} lines. */
    private static void addDetail(
            SimulatedCluster cluster, SimulatedPool pool, int index, PlacementGroupState state, List<String> detail) {
        if (detail.size() >= MAX_DETAIL) {
            return;
        }
        StringBuilder acting = new StringBuilder();
        for (int copy = 0; copy < pool.copies(); copy++) {
            int osd = cluster.placementGroupOsd(pool, index, copy);
            if (cluster.osdUp(osd)) {
                acting.append(acting.length() == 0 ? "" : ",").append(osd);
            }
        }
        detail.add("pg " + SimulatedPool.placementGroupId(pool.id(), index) + " is " + state.cephName() + ", acting ["
                + acting + "]");
    }

    static String status(List<Check> checks) {
        String status = "HEALTH_OK";
        for (Check check : checks) {
            if (check.severity().equals("HEALTH_ERR")) {
                return "HEALTH_ERR";
            }
            status = "HEALTH_WARN";
        }
        return status;
    }
}
