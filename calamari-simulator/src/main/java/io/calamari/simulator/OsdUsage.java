package io.calamari.simulator;

import java.util.List;

/**
 * The space each OSD of a simulated cluster uses: BlueStore's own (about 1 GiB) plus, for every
 * pool, its share of the pool's stored bytes (the PG copies it holds times the bytes per PG). The
 * copies each OSD holds per pool are counted once (at layout) and moved with each finished
 * backfill, so refreshing after a step costs pools × OSDs, not a pass over the PGs. From the use,
 * each OSD is nearfull, backfillfull or full at Ceph's default ratios (0.85, 0.90, 0.95), and each
 * pool takes the worst state of the OSDs holding it, as the monitors flag pools since Mimic. Not
 * thread-safe: the cluster's lock guards it.
 */
final class OsdUsage {
    static final double NEARFULL_RATIO = 0.85;
    static final double BACKFILLFULL_RATIO = 0.90;
    static final double FULL_RATIO = 0.95;
    /** {@link #fullness(int)} values, in Ceph's order of gravity. */
    static final int NOT_FULL = 0;

    static final int NEARFULL = 1;
    static final int BACKFILLFULL = 2;
    static final int FULL = 3;

    private final SimulatedCluster cluster;
    private final long[] metadataBytes;
    private final long[] usedBytes;
    private final byte[] fullness;
    /** Per pool (in the cluster's order), the PG copies each OSD holds. */
    private int[][] copies = new int[0][];

    OsdUsage(SimulatedCluster cluster) {
        this.cluster = cluster;
        int osds = cluster.osdCount();
        this.metadataBytes = new long[osds];
        this.usedBytes = new long[osds];
        this.fullness = new byte[osds];
        for (int osd = 0; osd < osds; osd++) {
            // BlueStore's own metadata and the DB: about 1 GiB per OSD.
            metadataBytes[osd] = (1L << 30) + Hashing.below(cluster.spec().seed(), 0xDB, osd, 1 << 26);
        }
    }

    /** Counts every pool's copies per OSD again from the acting sets, then refreshes. */
    void rebuild() {
        List<SimulatedPool> pools = cluster.pools();
        copies = new int[pools.size()][cluster.osdCount()];
        for (int pool = 0; pool < pools.size(); pool++) {
            SimulatedPool each = pools.get(pool);
            for (int index = 0; index < each.pgNum(); index++) {
                for (int copy = 0; copy < each.copies(); copy++) {
                    copies[pool][cluster.actingOsd(each, index, copy)]++;
                }
            }
        }
        refresh();
    }

    /** A copy of a PG of pool number {@code pool} moved from one OSD to another. */
    void move(int pool, int from, int to) {
        copies[pool][from]--;
        copies[pool][to]++;
    }

    /**
     * Recomputes every OSD's use and fullness and every pool's full flags.
     *
     * @return whether an OSD's or a pool's fullness changed (the monitors publish a new OSD map)
     */
    boolean refresh() {
        System.arraycopy(metadataBytes, 0, usedBytes, 0, usedBytes.length);
        List<SimulatedPool> pools = cluster.pools();
        for (int pool = 0; pool < pools.size(); pool++) {
            long perPlacementGroup =
                    pools.get(pool).storedBytes() / pools.get(pool).pgNum();
            int[] held = copies[pool];
            for (int osd = 0; osd < held.length; osd++) {
                usedBytes[osd] += held[osd] * perPlacementGroup;
            }
        }
        boolean changed = false;
        for (int osd = 0; osd < usedBytes.length; osd++) {
            double ratio = (double) usedBytes[osd] / SimulatedCluster.OSD_BYTES;
            int state = ratio >= FULL_RATIO
                    ? FULL
                    : ratio >= BACKFILLFULL_RATIO ? BACKFILLFULL : ratio >= NEARFULL_RATIO ? NEARFULL : NOT_FULL;
            changed |= fullness[osd] != state;
            fullness[osd] = (byte) state;
        }
        for (int pool = 0; pool < pools.size(); pool++) {
            int worst = NOT_FULL;
            int[] held = copies[pool];
            for (int osd = 0; osd < held.length; osd++) {
                if (held[osd] > 0 && fullness[osd] > worst) {
                    worst = fullness[osd];
                }
            }
            SimulatedPool each = pools.get(pool);
            long flag = switch (worst) {
                case FULL -> SimulatedPool.FULL;
                case BACKFILLFULL -> SimulatedPool.BACKFILLFULL;
                case NEARFULL -> SimulatedPool.NEARFULL;
                default -> 0;
            };
            long flags = each.flags() & ~SimulatedPool.FULLNESS | flag;
            changed |= flags != each.flags();
            each.setFlags(flags);
        }
        return changed;
    }

    long usedBytes(int osd) {
        return usedBytes[osd];
    }

    /** {@link #NOT_FULL}, {@link #NEARFULL}, {@link #BACKFILLFULL} or {@link #FULL}. */
    int fullness(int osd) {
        return fullness[osd];
    }

    /** The PG copies of pool number {@code pool} that {@code osd} holds. */
    int copies(int pool, int osd) {
        return copies[pool][osd];
    }
}
