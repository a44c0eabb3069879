package io.calamari.simulator;

import java.util.List;
import java.util.Locale;

/**
 * The {@code fill-pool} and {@code calm-pool} scenarios: a runaway client writes into a pool at
 * whatever rate brings the pool's fullest OSD to the full ratio in {@value Scenarios#FILL_SECONDS}
 * seconds (so nearfull, backfillfull and full come in that order, whatever the cluster's size),
 * until the pool is full, when Ceph blocks its writes; calming it stops the writer and deletes
 * what it wrote. Called with the cluster's lock held. Stateless.
 */
final class PoolFilling {
    private PoolFilling() {}

    static String fill(SimulatedCluster cluster, SimulatedPool pool) {
        int number = cluster.pools().indexOf(pool);
        OsdUsage usage = cluster.usage();
        double toFull = Double.MAX_VALUE;
        double toNearfull = Double.MAX_VALUE;
        for (int osd = 0; osd < cluster.osdCount(); osd++) {
            int copies = usage.copies(number, osd);
            if (copies == 0) {
                continue;
            }
            // The pool's growth that brings this OSD to a ratio: its PG copies take copies / pg_num of it.
            double perPoolByte = (double) copies / pool.pgNum();
            toFull = Math.min(toFull, growthTo(OsdUsage.FULL_RATIO, usage.usedBytes(osd), perPoolByte));
            toNearfull = Math.min(toNearfull, growthTo(OsdUsage.NEARFULL_RATIO, usage.usedBytes(osd), perPoolByte));
        }
        if (toFull == Double.MAX_VALUE) {
            throw new IllegalArgumentException("pool '" + pool.name() + "' has no PGs on any OSD to fill");
        }
        if (pool.full() || toFull <= 0) {
            throw new IllegalArgumentException("pool '" + pool.name() + "' is full already; calm-pool " + pool.name()
                    + " deletes what the runaway client wrote");
        }
        long rate = Math.max(1, (long) Math.ceil(toFull / Scenarios.FILL_SECONDS));
        pool.setFill(rate);
        long nearfullIn = Math.max(0, (long) (toNearfull / rate));
        return String.format(
                Locale.ROOT,
                "pool '%s' fills at %s/s: nearfull in about %d s, full in about %d s",
                pool.name(),
                bytes(rate),
                nearfullIn,
                Scenarios.FILL_SECONDS);
    }

    private static double growthTo(double ratio, long usedBytes, double perPoolByte) {
        return (ratio * SimulatedCluster.OSD_BYTES - usedBytes) / perPoolByte;
    }

    static String calm(SimulatedCluster cluster, SimulatedPool pool) {
        boolean filling = pool.fillBytesPerSecond() > 0;
        pool.setFill(0);
        long dropped = pool.dropFilled();
        if (cluster.usage().refresh()) {
            cluster.nextOsdMapEpoch();
        }
        if (!filling && dropped == 0) {
            return "pool '" + pool.name() + "' was not filling";
        }
        return "pool '" + pool.name() + "' stopped filling; " + bytes(dropped) + " it wrote deleted";
    }

    /** Bytes in binary units, as {@code ceph df} prints them: {@code 1.4 TiB}. */
    static String bytes(long value) {
        List<String> units = List.of("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB");
        double scaled = value;
        int unit = 0;
        while (scaled >= 1024 && unit < units.size() - 1) {
            scaled /= 1024;
            unit++;
        }
        return unit == 0 ? value + " B" : String.format(Locale.ROOT, "%.1f %s", scaled, units.get(unit));
    }
}
