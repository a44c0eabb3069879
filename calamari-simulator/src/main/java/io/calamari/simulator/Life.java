package io.calamari.simulator;

import io.calamari.ceph.model.ClusterLogLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What a simulated cluster does on its own as its clock runs, in steps of one second: down OSDs
 * are marked out after their interval, recoveries and backfills move on ({@link Recovery}), scrubs
 * come and go ({@link Scrubs}), clients read and write ({@link ClientLoad}) and the pools grow with
 * a fifth of what is written, the OSDs' use and fullness follow ({@link OsdUsage}). A gap longer
 * than {@value #MAX_STEPS} seconds is first crossed in one aggregated step, so catching up after a
 * long pause costs at most that many steps. A step of a healthy cluster costs pools × OSDs (the
 * usage) plus the scrubs under way; other work is proportional to the PGs that change. Not
 * thread-safe: the cluster's lock guards it.
 */
final class Life {
    static final int MAX_STEPS = 3600;
    /** The share of written bytes that is new data; the rest overwrites. */
    static final double GROWTH_SHARE = 0.2;
    /** Ceph's {@code mon_osd_min_in_ratio}: the monitors mark no more OSDs out below three quarters in. */
    static final double MIN_IN_RATIO = 0.75;
    /** How often changed {@code pg_temp} entries make a new OSD map, in seconds. */
    static final int TEMPORARIES_SECONDS = 5;

    private final SimulatedCluster cluster;

    Life(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    void advanceTo(long now) {
        long gap = now - cluster.second();
        if (gap <= 0) {
            return;
        }
        if (gap > MAX_STEPS) {
            step(now - MAX_STEPS, gap - MAX_STEPS);
        }
        while (cluster.second() < now) {
            step(cluster.second() + 1, 1);
        }
    }

    /** {@code seconds} of the cluster's life, ending at {@code second}. */
    private void step(long second, long seconds) {
        cluster.setSecond(second);
        boolean wasTroubled = !cluster.troubled().isEmpty();
        markDownOsdsOut(second);
        cluster.recovery().step(seconds);
        cluster.scrubs().step(second, seconds);
        clientIo(second, seconds);
        boolean newMap = cluster.usage().refresh();
        // pg_temp changes reach the OSD map in batches, at most one map for them every few seconds.
        newMap |= second % TEMPORARIES_SECONDS == 0 && cluster.takeTemporariesChanged();
        if (newMap) {
            cluster.nextOsdMapEpoch();
        }
        if (wasTroubled
                && cluster.troubled().isEmpty()
                && HealthChecks.of(cluster).isEmpty()) {
            cluster.log()
                    .add(
                            cluster,
                            Instant.ofEpochSecond(second),
                            "cluster",
                            ClusterLogLevel.INFO,
                            "Cluster is now healthy");
        }
    }

    /** The monitors mark out OSDs down for longer than their interval, unless {@code noout} is set. */
    private void markDownOsdsOut(long second) {
        BitSet down = cluster.downOsds();
        if (down.isEmpty() || (cluster.flags() & OsdMapFlags.NOOUT) != 0) {
            return;
        }
        int in = 0;
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            in += cluster.osdIn(osd) ? 1 : 0;
        }
        List<Integer> marked = new ArrayList<>();
        for (int osd = down.nextSetBit(0); osd >= 0; osd = down.nextSetBit(osd + 1)) {
            long downFor = second - cluster.osdDownSince(osd);
            if (cluster.osdIn(osd)
                    && downFor >= cluster.osdOutAfter(osd)
                    && in - 1 >= MIN_IN_RATIO * cluster.osdCount()) {
                cluster.markOsdAutoOut(osd);
                in--;
                marked.add(osd);
                cluster.log()
                        .add(
                                cluster,
                                Instant.ofEpochSecond(second),
                                "cluster",
                                ClusterLogLevel.INFO,
                                "Marking osd." + osd + " out (has been down for " + downFor + " seconds)");
            }
        }
        if (!marked.isEmpty()) {
            cluster.nextOsdMapEpoch();
            cluster.remap();
        }
    }

    /** Each pool's client IO over {@code seconds}; the pools grow with part of it, a full one not at all. */
    private void clientIo(long second, long seconds) {
        long seed = cluster.spec().seed();
        double totalWeight = 0;
        for (SimulatedPool pool : cluster.pools()) {
            totalWeight += loaded(pool) ? ClientLoad.weight(seed, pool.id()) : 0;
        }
        for (SimulatedPool pool : cluster.pools()) {
            if (!loaded(pool) && pool.fillBytesPerSecond() == 0) {
                continue;
            }
            // The manager's own pool takes no client IO, only a runaway writer's.
            double share = loaded(pool) ? ClientLoad.weight(seed, pool.id()) / totalWeight : 0;
            ClientLoad.Rates io = ClientLoad.of(seed, pool, share, cluster.osdCount(), second);
            long filled = pool.full() ? 0 : pool.fillBytesPerSecond() * seconds;
            long grown =
                    pool.full() ? 0 : (long) ((io.writeBytes() - pool.fillBytesPerSecond()) * GROWTH_SHARE) * seconds;
            pool.recordClientIo(io, seconds, grown + filled, filled);
        }
    }

    /** Pools the clients use: not the manager's own. */
    private static boolean loaded(SimulatedPool pool) {
        return !pool.applications().contains("mgr_devicehealth");
    }
}
