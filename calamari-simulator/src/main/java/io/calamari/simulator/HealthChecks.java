package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The health checks a simulated cluster's state raises, computed on demand: {@code OSDMAP_FLAGS}
 * for flags an operator set, {@code OSD_DOWN} and {@code OSD_HOST_DOWN} for OSDs down and in,
 * {@code PG_AVAILABILITY} for PGs with fewer than {@code min_size} copies up,
 * {@code PG_DEGRADED} for PGs missing copies (or recovering them), {@code OSD_NEARFULL},
 * {@code OSD_BACKFILLFULL}, {@code OSD_FULL} and their {@code POOL_*} counterparts, and
 * {@code MON_DOWN}; in code order, as the monitors keep them. Like the monitors, a check lists at
 * most {@value #MAX_DETAIL} detail lines. Called with the cluster's lock held. Stateless.
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
        // As the monitors count them: down and in; an OSD marked out no longer counts.
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            if (!cluster.osdUp(osd) && cluster.osdIn(osd)) {
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
        addPlacementGroupChecks(cluster, checks);
        addFullness(cluster, checks);
        addMonsDown(cluster, checks);
        checks.sort(Comparator.comparing(Check::code));
        return List.copyOf(checks);
    }

    /** {@code PG_AVAILABILITY} and {@code PG_DEGRADED}, from the PGs that are not clean. */
    private static void addPlacementGroupChecks(SimulatedCluster cluster, List<Check> checks) {
        int inactive = 0;
        List<String> inactiveDetail = new ArrayList<>();
        List<String> degradedDetail = new ArrayList<>();
        BitSet troubled = cluster.troubled();
        for (SimulatedPool pool : cluster.pools()) {
            int end = pool.firstPlacementGroup() + pool.pgNum();
            for (int pg = troubled.nextSetBit(pool.firstPlacementGroup());
                    pg >= 0 && pg < end;
                    pg = troubled.nextSetBit(pg + 1)) {
                PlacementGroupState state = cluster.placementGroupState(pg);
                int index = pg - pool.firstPlacementGroup();
                if (state.degraded()) {
                    addDetail(cluster, pool, index, state, degradedDetail);
                }
                if (!state.active()) {
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
        RecoverySummary summary = RecoverySummary.of(cluster);
        int degraded = summary.degradedPlacementGroups();
        if (degraded > 0) {
            StringBuilder message = new StringBuilder("Degraded data redundancy: ");
            long objects = RecoverySummary.sum(summary.degradedObjects());
            long copies = RecoverySummary.sum(summary.objectCopies());
            if (objects > 0 && copies > 0) {
                message.append(objects)
                        .append('/')
                        .append(copies)
                        .append(" objects degraded (")
                        .append(String.format(Locale.ROOT, "%.3f", 100.0 * objects / copies))
                        .append("%), ");
            }
            message.append(degraded).append(" pgs degraded");
            if (summary.undersizedPlacementGroups() > 0) {
                message.append(", ").append(summary.undersizedPlacementGroups()).append(" pgs undersized");
            }
            checks.add(new Check("PG_DEGRADED", "HEALTH_WARN", message.toString(), degraded, degradedDetail));
        }
    }

    /** {@code OSD_NEARFULL}, {@code OSD_BACKFILLFULL}, {@code OSD_FULL} and the pools' {@code POOL_*}, as Pacific words them. */
    private static void addFullness(SimulatedCluster cluster, List<Check> checks) {
        List<List<String>> osds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int[] osdCounts = new int[4];
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            int fullness = cluster.usage().fullness(osd);
            osdCounts[fullness]++;
            if (osds.get(fullness).size() < MAX_DETAIL) {
                osds.get(fullness)
                        .add("osd." + osd + " is " + new String[] {"", "near full", "backfill full", "full"}[fullness]);
            }
        }
        addIfAny(checks, "OSD_FULL", "HEALTH_ERR", osdCounts[OsdUsage.FULL], " full osd(s)", osds.get(OsdUsage.FULL));
        addIfAny(
                checks,
                "OSD_BACKFILLFULL",
                "HEALTH_WARN",
                osdCounts[OsdUsage.BACKFILLFULL],
                " backfillfull osd(s)",
                osds.get(OsdUsage.BACKFILLFULL));
        addIfAny(
                checks,
                "OSD_NEARFULL",
                "HEALTH_WARN",
                osdCounts[OsdUsage.NEARFULL],
                " nearfull osd(s)",
                osds.get(OsdUsage.NEARFULL));
        List<String> full = new ArrayList<>();
        List<String> backfillfull = new ArrayList<>();
        List<String> nearfull = new ArrayList<>();
        for (SimulatedPool pool : cluster.pools()) {
            String name = "pool '" + pool.name() + "' is ";
            if ((pool.flags() & SimulatedPool.FULL) != 0) {
                full.add(name + "full (no space)");
            } else if ((pool.flags() & SimulatedPool.BACKFILLFULL) != 0) {
                backfillfull.add(name + "backfillfull");
            } else if ((pool.flags() & SimulatedPool.NEARFULL) != 0) {
                nearfull.add(name + "nearfull");
            }
        }
        addIfAny(checks, "POOL_FULL", "HEALTH_WARN", full.size(), " pool(s) full", full);
        addIfAny(
                checks, "POOL_BACKFILLFULL", "HEALTH_WARN", backfillfull.size(), " pool(s) backfillfull", backfillfull);
        addIfAny(checks, "POOL_NEARFULL", "HEALTH_WARN", nearfull.size(), " pool(s) nearfull", nearfull);
    }

    private static void addIfAny(
            List<Check> checks, String code, String severity, int count, String summary, List<String> detail) {
        if (count > 0) {
            checks.add(new Check(
                    code, severity, count + summary, count, detail.subList(0, Math.min(MAX_DETAIL, detail.size()))));
        }
    }

    /** {@code MON_DOWN}: {@code 1/3 mons down, quorum a,c}, with each absent mon's address. */
    private static void addMonsDown(SimulatedCluster cluster, List<Check> checks) {
        Quorum quorum = cluster.quorum();
        int mons = cluster.spec().mons();
        int down = mons - quorum.ranks().size();
        if (down == 0) {
            return;
        }
        List<String> names = new ArrayList<>();
        quorum.ranks().forEach(rank -> names.add(SimulatedCluster.monName(rank)));
        List<String> detail = new ArrayList<>();
        for (int rank = 0; rank < mons; rank++) {
            if (!quorum.inQuorum(rank)) {
                String host = SimulatedCluster.hostAddress(cluster.monHost(rank));
                detail.add("mon." + SimulatedCluster.monName(rank) + " (rank " + rank + ") addr "
                        + JsonAnswer.legacyVector(host, 3300, 6789, 0) + " is down (out of quorum)");
            }
        }
        checks.add(new Check(
                "MON_DOWN",
                "HEALTH_WARN",
                down + "/" + mons + " mons down, quorum " + String.join(",", names),
                down,
                detail));
    }

    /** {@code OSD_HOST_DOWN}: hosts all of whose OSDs are down. */
    private static void addHostsDown(SimulatedCluster cluster, List<Check> checks) {
        int perHost = cluster.spec().osdsPerHost();
        List<String> detail = new ArrayList<>();
        int hostsDown = 0;
        for (int host = 0; host < cluster.spec().hosts(); host++) {
            boolean allDown = true;
            for (int osd = host * perHost; osd < (host + 1) * perHost && allDown; osd++) {
                allDown = !cluster.osdUp(osd) && cluster.osdIn(osd);
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
            int osd = cluster.actingOsd(pool, index, copy);
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
