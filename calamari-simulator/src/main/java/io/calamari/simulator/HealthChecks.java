package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The health checks a simulated cluster's state raises, computed on demand: {@code OSD_DOWN} for
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
        }
        int inactive = 0;
        int degraded = 0;
        for (int pg = 0; pg < cluster.placementGroupCount(); pg++) {
            PlacementGroupState state = cluster.placementGroupState(pg);
            inactive += state == PlacementGroupState.INACTIVE || state == PlacementGroupState.STALE ? 1 : 0;
            degraded += state == PlacementGroupState.ACTIVE_CLEAN ? 0 : 1;
        }
        if (inactive > 0) {
            checks.add(new Check(
                    "PG_AVAILABILITY",
                    "HEALTH_WARN",
                    "Reduced data availability: " + inactive + " pgs inactive",
                    inactive,
                    List.of()));
        }
        if (degraded > 0) {
            checks.add(new Check(
                    "PG_DEGRADED",
                    "HEALTH_WARN",
                    "Degraded data redundancy: " + degraded + " pgs degraded, " + degraded + " pgs undersized",
                    degraded,
                    List.of()));
        }
        return List.copyOf(checks);
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
