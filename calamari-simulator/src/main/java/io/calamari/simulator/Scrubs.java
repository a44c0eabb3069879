package io.calamari.simulator;

import io.calamari.simulator.PlacementGroupState.Phase;
import java.util.Arrays;

/**
 * The scrubs of a simulated cluster: a steady trickle, about one OSD in
 * {@value #OSDS_PER_SCRUB} busy scrubbing at any time, each PG's scrub {@value #MIN_SECONDS} to
 * {@value #MAX_SHALLOW_SECONDS} seconds (a deep one, one in {@value #DEEP_ONE_IN}, up to
 * {@value #MAX_DEEP_SECONDS}), at most one per OSD ({@code osd_max_scrubs} 1: every acting OSD is
 * reserved). Which PG scrubs, and for how long, is a hash of the seed and the second. Only clean
 * PGs scrub; a scrub stops when one of its OSDs goes down; {@code noscrub} and
 * {@code nodeep-scrub} hold new ones. {@code osd scrub} queues the PGs an OSD is primary for;
 * they start first, as their OSDs come free. Not thread-safe: the cluster's lock guards it.
 */
final class Scrubs {
    static final int OSDS_PER_SCRUB = 64;
    static final int MIN_SECONDS = 5;
    static final int MAX_SHALLOW_SECONDS = 15;
    static final int MAX_DEEP_SECONDS = 45;
    static final int DEEP_ONE_IN = 5;
    private static final int CANDIDATES = 4;
    private static final int DEEP_BIT = 1 << 30;

    private final SimulatedCluster cluster;
    private final boolean[] busy;
    private int[] scrubbing = new int[8];
    private long[] secondsLeft = new long[8];
    private int count;
    /** Scrubs due to start, in thousandths, so the average rate holds whatever the cluster's size. */
    private long credit;
    /** PGs an operator asked to scrub ({@code osd scrub}), a ring: deep ones flagged by a set high bit. */
    private int[] requested = new int[0];

    private int requestedHead;
    private int requestedCount;

    Scrubs(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.busy = new boolean[cluster.osdCount()];
    }

    int count() {
        return count;
    }

    boolean busy(int osd) {
        return busy[osd];
    }

    void clear() {
        Arrays.fill(busy, false);
        count = 0;
        credit = 0;
        requestedCount = 0;
    }

    int requestedCount() {
        return requestedCount;
    }

    /**
     * {@code osd scrub} (or {@code deep-scrub}, {@code repair}) of {@code osds}: every PG one of
     * them is primary for is queued, to scrub as soon as its OSDs are free. One pass over the PGs.
     */
    void request(boolean[] osds, boolean deep) {
        for (SimulatedPool pool : cluster.pools()) {
            for (int index = 0; index < pool.pgNum(); index++) {
                if (osds[cluster.actingOsd(pool, index, 0)]) {
                    enqueue((pool.firstPlacementGroup() + index) | (deep ? DEEP_BIT : 0));
                }
            }
        }
    }

    private void enqueue(int entry) {
        if (requestedCount == requested.length) {
            int[] grown = new int[Math.max(16, requested.length * 2)];
            for (int index = 0; index < requestedCount; index++) {
                grown[index] = requested[(requestedHead + index) % requested.length];
            }
            requested = grown;
            requestedHead = 0;
        }
        requested[(requestedHead + requestedCount) % requested.length] = entry;
        requestedCount++;
    }

    /** Tries the oldest requested scrubs, at most as many as there are OSDs; those that cannot start yet go to the back. */
    private void startRequested(long second) {
        int attempts = Math.min(requestedCount, cluster.osdCount());
        for (int attempt = 0; attempt < attempts; attempt++) {
            int entry = requested[requestedHead];
            requestedHead = (requestedHead + 1) % requested.length;
            requestedCount--;
            int pg = entry & ~DEEP_BIT;
            if (pg >= cluster.placementGroupCount()) {
                continue;
            }
            if (cluster.phase(pg) == Phase.CLEAN
                    && cluster.placementGroupState(pg) == PlacementGroupState.ACTIVE_CLEAN
                    && reserve(pg)) {
                boolean deep = (entry & DEEP_BIT) != 0;
                long key = Hashing.mix(cluster.spec().seed(), second, pg);
                start(pg, deep, key);
            } else if (cluster.placementGroupState(pg).active()
                    && cluster.phase(pg) != Phase.SCRUBBING
                    && cluster.phase(pg) != Phase.DEEP_SCRUBBING) {
                enqueue(entry);
            }
        }
    }

    /** Stops the scrub of {@code pg}, if it scrubs, freeing its OSDs; the caller sets its phase. */
    void abort(int pg) {
        for (int index = 0; index < count; index++) {
            if (scrubbing[index] == pg) {
                remove(index);
                return;
            }
        }
    }

    /** {@code seconds} of scrubbing: scrubs that are done end, new ones start at the second's hash. */
    void step(long second, long seconds) {
        int index = 0;
        while (index < count) {
            secondsLeft[index] -= seconds;
            if (secondsLeft[index] <= 0) {
                int pg = scrubbing[index];
                remove(index);
                cluster.setPhase(pg, Phase.CLEAN);
            } else {
                index++;
            }
        }
        if (requestedCount > 0) {
            startRequested(second);
        }
        // Starts per second: one OSD in 64 busy with scrubs of 10 s on average.
        int osds = cluster.osdCount();
        credit = Math.min(credit + seconds * 1000L * osds / (OSDS_PER_SCRUB * 10L), 1000L * (osds / 2 + 1));
        int flags = cluster.flags();
        for (int attempt = 0; credit >= 1000; attempt++) {
            credit -= 1000;
            if ((flags & OsdMapFlags.NOSCRUB) == 0) {
                tryStart(second, attempt, (flags & OsdMapFlags.NODEEP_SCRUB) != 0);
            }
        }
    }

    private void tryStart(long second, int attempt, boolean noDeep) {
        long seed = cluster.spec().seed();
        int placementGroups = cluster.placementGroupCount();
        for (int candidate = 0; candidate < CANDIDATES; candidate++) {
            long key = Hashing.mix(seed, second * 1024 + attempt, 0x5C2B + candidate);
            int pg = (int) Long.remainderUnsigned(key, placementGroups);
            if (cluster.phase(pg) != Phase.CLEAN
                    || cluster.placementGroupState(pg) != PlacementGroupState.ACTIVE_CLEAN
                    || !reserve(pg)) {
                continue;
            }
            start(pg, !noDeep && Long.remainderUnsigned(key >>> 17, DEEP_ONE_IN) == 0, key);
            return;
        }
    }

    /** Starts the scrub of a PG whose OSDs are reserved, for a time the key decides. */
    private void start(int pg, boolean deep, long key) {
        int longest = deep ? MAX_DEEP_SECONDS : MAX_SHALLOW_SECONDS;
        add(pg, MIN_SECONDS + Long.remainderUnsigned(key >>> 29, longest - MIN_SECONDS + 1));
        cluster.setPhase(pg, deep ? Phase.DEEP_SCRUBBING : Phase.SCRUBBING);
    }

    /** Takes every acting OSD of the PG for its scrub, unless one of them is scrubbing already. */
    private boolean reserve(int pg) {
        SimulatedPool pool = cluster.poolOf(pg);
        int index = pg - pool.firstPlacementGroup();
        for (int copy = 0; copy < pool.copies(); copy++) {
            if (busy[cluster.actingOsd(pool, index, copy)]) {
                return false;
            }
        }
        setBusy(pool, index, true);
        return true;
    }

    private void setBusy(SimulatedPool pool, int index, boolean value) {
        for (int copy = 0; copy < pool.copies(); copy++) {
            busy[cluster.actingOsd(pool, index, copy)] = value;
        }
    }

    private void add(int pg, long seconds) {
        if (count == scrubbing.length) {
            scrubbing = Arrays.copyOf(scrubbing, count * 2);
            secondsLeft = Arrays.copyOf(secondsLeft, count * 2);
        }
        scrubbing[count] = pg;
        secondsLeft[count] = seconds;
        count++;
    }

    private void remove(int index) {
        int pg = scrubbing[index];
        SimulatedPool pool = cluster.poolOf(pg);
        setBusy(pool, pg - pool.firstPlacementGroup(), false);
        count--;
        scrubbing[index] = scrubbing[count];
        secondsLeft[index] = secondsLeft[count];
    }
}
