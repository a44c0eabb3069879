package io.calamari.simulator;

import io.calamari.ceph.model.ClusterLogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripted events a simulated cluster can be put through, by name, for demonstrations
 * ({@code calamari ctl demo fail-host node7}) and tests. Each changes the cluster the way the
 * matching real event would, with the map epochs Ceph would publish, at the cluster's current
 * time; what follows (an OSD marked out, backfills, a pool filling) plays out as the cluster's
 * clock runs. Thread-safe: each runs under the cluster's lock.
 */
public final class Scenarios {
    /** How long {@code fill-pool} takes to fill a pool's fullest OSD. */
    static final int FILL_SECONDS = 120;

    /** Written without dashes, so that {@code calamari ctl demo} passes it on rather than taking it for its own option. */
    private static final String OUT_AFTER = "out-after";

    private static final Map<String, String> USAGE = usage(
            "fail-osd OSD [out-after SECONDS]",
            "an OSD daemon dies: marked down, its PGs degraded; marked out after 600 s (or SECONDS),"
                    + " its PGs backfill to other OSDs",
            "revive-osd OSD",
            "a dead OSD daemon is started again: its PGs recover (and come back, if it was out)",
            "fail-host HOST [out-after SECONDS]",
            "a host goes down: all its OSDs are marked down, then out after 600 s (or SECONDS)",
            "revive-host HOST",
            "a failed host comes back: its OSDs are started again",
            "mon-down MON",
            "a monitor leaves the quorum (refused when no majority would remain)",
            "mon-up MON",
            "a monitor that left the quorum joins it again",
            "fill-pool POOL",
            "a runaway client fills a pool: its OSDs nearfull in about a minute and a half, full in two",
            "calm-pool POOL",
            "the runaway client stops and its data is deleted");

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
        synchronized (cluster.lock()) {
            cluster.advance();
            return switch (name) {
                case "fail-osd" -> {
                    Parsed parsed = parse(name, arguments, true);
                    yield setOneOsdUp(cluster, osd(cluster, parsed.target()), false, parsed.outAfter());
                }
                case "revive-osd" ->
                    setOneOsdUp(
                            cluster, osd(cluster, parse(name, arguments, false).target()), true, 0);
                case "fail-host" -> {
                    Parsed parsed = parse(name, arguments, true);
                    yield setHostUp(cluster, host(cluster, parsed.target()), false, parsed.outAfter());
                }
                case "revive-host" ->
                    setHostUp(
                            cluster, host(cluster, parse(name, arguments, false).target()), true, 0);
                case "mon-down" ->
                    setMonInQuorum(
                            cluster, mon(cluster, parse(name, arguments, false).target()), false);
                case "mon-up" ->
                    setMonInQuorum(
                            cluster, mon(cluster, parse(name, arguments, false).target()), true);
                case "fill-pool" ->
                    PoolFilling.fill(
                            cluster, pool(cluster, parse(name, arguments, false).target()));
                case "calm-pool" ->
                    PoolFilling.calm(
                            cluster, pool(cluster, parse(name, arguments, false).target()));
                default ->
                    throw new IllegalArgumentException(
                            "unknown scenario '" + name + "'; known: " + String.join(", ", names()));
            };
        }
    }

    private static String setOneOsdUp(SimulatedCluster cluster, int osd, boolean up, int outAfter) {
        return setOsdsUp(cluster, new int[] {osd}, up, outAfter, "osd." + osd);
    }

    private static String setHostUp(SimulatedCluster cluster, int host, boolean up, int outAfter) {
        int perHost = cluster.spec().osdsPerHost();
        int[] osds = new int[perHost];
        for (int slot = 0; slot < perHost; slot++) {
            osds[slot] = host * perHost + slot;
        }
        return setOsdsUp(cluster, osds, up, outAfter, SimulatedCluster.hostName(host) + ": " + perHost + " OSDs");
    }

    /** One new OSD map for all of them, as the monitors batch the failure reports of a host. */
    private static String setOsdsUp(SimulatedCluster cluster, int[] osds, boolean up, int outAfter, String what) {
        cluster.setOsdsUp(osds, up);
        if (!up) {
            for (int osd : osds) {
                cluster.setOutAfter(osd, outAfter);
            }
        }
        return what + (up ? " started" : " stopped") + "; OSD map epoch " + cluster.osdMapEpoch()
                + (up ? "" : "; out after " + outAfter + " s unless started again");
    }

    private static String setMonInQuorum(SimulatedCluster cluster, int rank, boolean in) {
        Quorum quorum = cluster.quorum();
        String mon = "mon." + SimulatedCluster.monName(rank);
        if (!in && quorum.inQuorum(rank) && !quorum.canLose(rank)) {
            int mons = cluster.spec().mons();
            throw new IllegalArgumentException(
                    mon + " cannot leave: " + (quorum.ranks().size() - 1) + " of " + mons
                            + " mons would remain, not a majority, and the cluster would stop answering");
        }
        boolean changed = quorum.set(rank, in, cluster.second());
        List<String> names = new ArrayList<>();
        List<String> ranks = new ArrayList<>();
        quorum.ranks().forEach(each -> {
            names.add(SimulatedCluster.monName(each));
            ranks.add(String.valueOf(each));
        });
        if (changed) {
            String leader = "mon." + SimulatedCluster.monName(quorum.leader());
            Instant now = Instant.ofEpochSecond(cluster.second());
            cluster.log().add(cluster, now, "cluster", ClusterLogLevel.INFO, leader + " calling monitor election");
            cluster.log()
                    .add(
                            cluster,
                            now,
                            "cluster",
                            ClusterLogLevel.INFO,
                            leader + " is new leader, mons " + String.join(",", names) + " in quorum (ranks "
                                    + String.join(",", ranks) + ")");
        }
        return mon + (in ? " joined" : " left") + " the quorum, now " + String.join(",", names) + "; election epoch "
                + quorum.electionEpoch();
    }

    /**
     * The target and, for the failures, {@code out-after SECONDS} (also {@code out-after=SECONDS},
     * with or without leading dashes; Ceph's default interval when absent).
     */
    private record Parsed(String target, int outAfter) {}

    private static Parsed parse(String name, List<String> arguments, boolean takesOutAfter) {
        int outAfter = SimulatedCluster.DOWN_OUT_INTERVAL_SECONDS;
        List<String> positional = new ArrayList<>();
        for (int index = 0; index < arguments.size(); index++) {
            String argument = arguments.get(index);
            String option = argument.startsWith("--") ? argument.substring(2) : argument;
            if (takesOutAfter && option.equals(OUT_AFTER) && index + 1 < arguments.size()) {
                outAfter = seconds(arguments.get(++index));
            } else if (takesOutAfter && option.startsWith(OUT_AFTER + "=")) {
                outAfter = seconds(option.substring(OUT_AFTER.length() + 1));
            } else {
                positional.add(argument);
            }
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException("usage: " + name + " " + usageArguments(name));
        }
        return new Parsed(positional.get(0), outAfter);
    }

    private static int seconds(String text) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(OUT_AFTER + " takes a number of seconds, 0 or more; got '" + text + "'");
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

    /** A monitor by its name ({@code b}) or {@code mon.b}. */
    private static int mon(SimulatedCluster cluster, String text) {
        String name = text.startsWith("mon.") ? text.substring(4) : text;
        for (int rank = 0; rank < cluster.spec().mons(); rank++) {
            if (SimulatedCluster.monName(rank).equals(name)) {
                return rank;
            }
        }
        throw new IllegalArgumentException("no mon '" + text + "': the cluster has mon.a to mon."
                + SimulatedCluster.monName(cluster.spec().mons() - 1));
    }

    private static SimulatedPool pool(SimulatedCluster cluster, String name) {
        return cluster.pool(name).orElseThrow(() -> {
            List<String> names =
                    cluster.pools().stream().map(SimulatedPool::name).toList();
            return new IllegalArgumentException("no pool '" + name + "': the cluster has " + String.join(", ", names));
        });
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
        return Collections.unmodifiableMap(usage);
    }
}
