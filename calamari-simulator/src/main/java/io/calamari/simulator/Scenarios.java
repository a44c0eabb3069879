package io.calamari.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted events a simulated cluster can be put through, by name, for demonstrations
 * ({@code calamari ctl demo fail-host node7}) and tests. Each changes the cluster the way the
 * matching real event would, with the map epochs Ceph would publish. Thread-safe.
 */
public final class Scenarios {
    private static final Map<String, String> USAGE = usage(
            "fail-osd OSD", "an OSD daemon dies: marked down, its PGs degraded",
            "revive-osd OSD", "a dead OSD daemon is started again",
            "fail-host HOST", "a host goes down: all its OSDs are marked down",
            "revive-host HOST", "a failed host comes back: its OSDs are started again");

    private Scenarios() {}

    /** Each scenario's usage ({@code name ARGUMENTS}) with what it does, in a stable order. */
    public static Map<String, String> usage() {
        return USAGE;
    }

    /**
     * Runs scenario {@code name} on {@code cluster}.
     *
     * @return what changed, in one line, for the person who asked
     * @throws IllegalArgumentException for an unknown scenario or bad arguments, with the reason
     */
    public static String run(SimulatedCluster cluster, String name, List<String> arguments) {
        return switch (name) {
            case "fail-osd" -> setOsdUp(cluster, osd(cluster, one(name, arguments)), false);
            case "revive-osd" -> setOsdUp(cluster, osd(cluster, one(name, arguments)), true);
            case "fail-host" -> setHostUp(cluster, host(cluster, one(name, arguments)), false);
            case "revive-host" -> setHostUp(cluster, host(cluster, one(name, arguments)), true);
            default ->
                throw new IllegalArgumentException(
                        "unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        };
    }

    private static String setOsdUp(SimulatedCluster cluster, int osd, boolean up) {
        cluster.setOsdUp(osd, up);
        return "osd." + osd + (up ? " started" : " stopped") + "; OSD map epoch " + cluster.osdMapEpoch();
    }

    private static String setHostUp(SimulatedCluster cluster, int host, boolean up) {
        int perHost = cluster.spec().osdsPerHost();
        synchronized (cluster.lock()) {
            for (int osd = host * perHost; osd < (host + 1) * perHost; osd++) {
                if (cluster.osdUp(osd) != up) {
                    if (up) {
                        cluster.setOsdUp(osd, true);
                    } else {
                        cluster.markOsdDown(osd);
                    }
                }
            }
            if (!up) {
                cluster.nextOsdMapEpoch();
                cluster.refreshPlacementGroupStates();
            }
            return SimulatedCluster.hostName(host) + ": " + perHost + " OSDs " + (up ? "started" : "stopped")
                    + "; OSD map epoch " + cluster.osdMapEpoch();
        }
    }

    private static String one(String name, List<String> arguments) {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException("usage: " + name + " " + usageArguments(name));
        }
        return arguments.get(0);
    }

    /** An OSD by number or {@code osd.N}. */
    private static int osd(SimulatedCluster cluster, String text) {
        String number = text.startsWith("osd.") ? text.substring(4) : text;
        try {
            int osd = Integer.parseInt(number);
            if (osd >= 0 && osd < cluster.osdCount()) {
                return osd;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "no OSD '" + text + "': the cluster has osd.0 to osd." + (cluster.osdCount() - 1));
    }

    /** A host by its name, {@code nodeN}. */
    private static int host(SimulatedCluster cluster, String text) {
        for (int host = 0; host < cluster.spec().hosts(); host++) {
            if (SimulatedCluster.hostName(host).equals(text)) {
                return host;
            }
        }
        throw new IllegalArgumentException("no host '" + text + "': the cluster has " + SimulatedCluster.hostName(0)
                + " to " + SimulatedCluster.hostName(cluster.spec().hosts() - 1));
    }

    private static List<String> names() {
        return USAGE.keySet().stream().map(usage -> usage.split(" ")[0]).toList();
    }

    private static String usageArguments(String name) {
        return USAGE.keySet().stream()
                .filter(usage -> usage.split(" ")[0].equals(name))
                .map(usage -> usage.substring(name.length()).trim())
                .findFirst()
                .orElse("");
    }

    private static Map<String, String> usage(String... pairs) {
        Map<String, String> usage = new LinkedHashMap<>();
        for (int index = 0; index < pairs.length; index += 2) {
            usage.put(pairs[index], pairs[index + 1]);
        }
        return java.util.Collections.unmodifiableMap(usage);
    }
}
