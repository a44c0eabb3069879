package io.calamari.simulator;

import java.util.BitSet;
import java.util.List;

/**
 * How far a simulated cluster is from clean, per pool, as the manager sums it from the PG stats:
 * degraded objects (copies missing, or stale until recovered), misplaced objects (copies on an
 * OSD the PG is leaving), object copies in all, and PGs degraded and undersized. Computed from the
 * PGs that are not clean only, so it costs nothing on a healthy cluster. Immutable.
 */
record RecoverySummary(
        long[] degradedObjects,
        long[] misplacedObjects,
        long[] objectCopies,
        int degradedPlacementGroups,
        int undersizedPlacementGroups) {

    static RecoverySummary of(SimulatedCluster cluster) {
        List<SimulatedPool> pools = cluster.pools();
        long[] degraded = new long[pools.size()];
        long[] misplaced = new long[pools.size()];
        long[] copies = new long[pools.size()];
        int degradedPlacementGroups = 0;
        int undersizedPlacementGroups = 0;
        BitSet troubled = cluster.troubled();
        for (int number = 0; number < pools.size(); number++) {
            SimulatedPool pool = pools.get(number);
            copies[number] = pool.objects() * pool.size();
            long objectsPerPlacementGroup = pool.objects() / pool.pgNum();
            int end = pool.firstPlacementGroup() + pool.pgNum();
            for (int pg = troubled.nextSetBit(pool.firstPlacementGroup());
                    pg >= 0 && pg < end;
                    pg = troubled.nextSetBit(pg + 1)) {
                PlacementGroupState state = cluster.placementGroupState(pg);
                int index = pg - pool.firstPlacementGroup();
                int up = 0;
                int moving = 0;
                for (int copy = 0; copy < pool.copies(); copy++) {
                    int acting = cluster.actingOsd(pool, index, copy);
                    up += cluster.osdUp(acting) ? 1 : 0;
                    moving += acting != cluster.placementGroupOsd(pool, index, copy) && cluster.osdUp(acting) ? 1 : 0;
                }
                int missing = state.undersized() ? pool.size() - up : state.degraded() ? 1 : 0;
                degraded[number] += objectsPerPlacementGroup * missing;
                misplaced[number] += objectsPerPlacementGroup * moving;
                degradedPlacementGroups += state.degraded() ? 1 : 0;
                undersizedPlacementGroups += state.undersized() ? 1 : 0;
            }
        }
        return new RecoverySummary(degraded, misplaced, copies, degradedPlacementGroups, undersizedPlacementGroups);
    }

    static long sum(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
