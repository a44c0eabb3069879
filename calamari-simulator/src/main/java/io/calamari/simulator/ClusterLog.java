package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.ClusterLogLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster log a simulated cluster keeps: like the monitors, only the newest
 * {@value #KEPT_PER_CHANNEL} entries of each channel. Not thread-safe on its own: guarded by the
 * cluster's lock.
 */
final class ClusterLog {
    static final int KEPT_PER_CHANNEL = 50;

    /** One entry, at one of Ceph's log levels. */
    record Entry(
            String name,
            String rank,
            String address,
            Instant stamp,
            long seq,
            String channel,
            ClusterLogLevel level,
            String message) {
        Entry {
            requireNonNull(name, "name");
            requireNonNull(rank, "rank");
            requireNonNull(address, "address");
            requireNonNull(stamp, "stamp");
            requireNonNull(channel, "channel");
            requireNonNull(level, "level");
            requireNonNull(message, "message");
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long sequence;

    /** The log of a cluster that has just started: the leader's election, then the OSDs booting. */
    static ClusterLog boot(SimulatedCluster cluster) {
        ClusterLog log = new ClusterLog();
        Instant stamp = SimulatedCluster.ORIGIN;
        int mons = cluster.spec().mons();
        StringBuilder ranks = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int rank = 0; rank < mons; rank++) {
            ranks.append(rank == 0 ? "" : ",").append(rank);
            names.append(rank == 0 ? "" : ",").append(SimulatedCluster.monName(rank));
        }
        log.add(
                cluster,
                stamp,
                "cluster",
                ClusterLogLevel.INFO,
                "mon.a is new leader, mons " + names + " in quorum (ranks " + ranks + ")");
        int osds = cluster.osdCount();
        for (int osd = Math.max(0, osds - KEPT_PER_CHANNEL); osd < osds; osd++) {
            String host = SimulatedCluster.hostAddress(cluster.hostOf(osd));
            int port = cluster.osdBasePort(osd);
            log.add(
                    cluster,
                    stamp.plus(Duration.ofMillis(10L * (osd + 1))),
                    "cluster",
                    ClusterLogLevel.INFO,
                    "osd." + osd + " " + JsonAnswer.legacyVector(host, port, port + 1, cluster.osdNonce(osd))
                            + " boot");
        }
        log.add(cluster, stamp.plus(Duration.ofMinutes(1)), "cluster", ClusterLogLevel.INFO, "Cluster is now healthy");
        return log;
    }

    void add(SimulatedCluster cluster, Instant stamp, String channel, ClusterLogLevel level, String message) {
        String address = SimulatedCluster.hostAddress(cluster.monHost(0)) + ":3300";
        entries.add(new Entry("mon.a", "mon.0", address, stamp, ++sequence, channel, level, message));
        long inChannel = entries.stream()
                .filter(entry -> entry.channel().equals(channel))
                .count();
        if (inChannel > KEPT_PER_CHANNEL) {
            for (int index = 0; index < entries.size(); index++) {
                if (entries.get(index).channel().equals(channel)) {
                    entries.remove(index);
                    break;
                }
            }
        }
    }

    /** The newest {@code count} entries of {@code channel} ({@code *} for all) of at least {@code level}, oldest first. */
    List<Entry> last(int count, ClusterLogLevel level, String channel) {
        List<Entry> matching = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.level().isAtLeast(level)
                    && ("*".equals(channel) || entry.channel().equals(channel))) {
                matching.add(entry);
            }
        }
        return List.copyOf(matching.subList(Math.max(0, matching.size() - count), matching.size()));
    }
}
