package io.calamari.simulator;

import io.calamari.simulator.PlacementGroupState.Phase;
import java.util.Arrays;
import java.util.List;

/**
 * The recoveries and backfills of a simulated cluster: PGs wait in one queue, first come first
 * served, until every OSD they need has a free reservation ({@code osd_max_backfills} 1 for
 * recovery and backfill alike, as since Mimic: the primary and the backfill targets, or for a
 * recovery every acting OSD), then move their data at {@value #BYTES_PER_SECOND} bytes per second
 * each, at least {@value #MIN_SECONDS} seconds. A backfill moves the PG's bytes; a recovery the
 * writes its OSD missed while down. The {@code nobackfill}, {@code norebalance} and
 * {@code norecover} flags hold the queue. Work per step is proportional to the transfers under way
 * and, when a reservation was freed, to the queue. Not thread-safe: the cluster's lock guards it.
 */
final class Recovery {
    /** 1 GiB/s per transfer: about ten times a hard disk's, so that the demo heals in minutes. */
    static final long BYTES_PER_SECOND = 1L << 30;

    static final int MIN_SECONDS = 2;
    private static final int MAX_RESERVATIONS = 1;
    private static final int[] NONE = new int[0];

    private final SimulatedCluster cluster;
    private final byte[] reservations;
    private int[] waiting = new int[64];
    private int waitingCount;
    private int[] activePlacementGroups = new int[16];
    private long[] bytesLeft = new long[16];
    private long[] secondsLeft = new long[16];
    private int[][] reserved = new int[16][];

    private int activeCount;
    /** Whether a start may succeed now: something was queued or freed, or the OSDs or flags changed. */
    private boolean mayStart;

    Recovery(SimulatedCluster cluster) {
        this.cluster = cluster;
        this.reservations = new byte[cluster.osdCount()];
    }

    void enqueue(int pg) {
        if (waitingCount == waiting.length) {
            waiting = Arrays.copyOf(waiting, waitingCount * 2);
        }
        waiting[waitingCount++] = pg;
        mayStart = true;
    }

    void wake() {
        mayStart = true;
    }

    int activeCount() {
        return activeCount;
    }

    int reservations(int osd) {
        return reservations[osd];
    }

    /** Stops the transfer of {@code pg}, if one is under way, and frees its reservations. */
    void abort(int pg) {
        for (int index = 0; index < activeCount; index++) {
            if (activePlacementGroups[index] == pg) {
                remove(index);
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(reservations, (byte) 0);
        waitingCount = 0;
        activeCount = 0;
        mayStart = false;
    }

    /** {@code seconds} of transfers (finishing those that are done), then starts what can start. */
    void step(long seconds) {
        List<SimulatedPool> pools = cluster.pools();
        long[] recovered = new long[pools.size()];
        int index = 0;
        while (index < activeCount) {
            int pg = activePlacementGroups[index];
            long steps = Math.min(seconds, secondsLeft[index]);
            long moved = bytesLeft[index] * steps / secondsLeft[index];
            bytesLeft[index] -= moved;
            secondsLeft[index] -= steps;
            recovered[pools.indexOf(cluster.poolOf(pg))] += moved;
            if (secondsLeft[index] == 0) {
                remove(index);
                cluster.completeTransfer(pg);
            } else {
                index++;
            }
        }
        for (int pool = 0; pool < pools.size(); pool++) {
            long perSecond = recovered[pool] / seconds;
            pools.get(pool).recordRecovery(perSecond, divideUp(perSecond, SimulatedCluster.OBJECT_BYTES));
        }
        if (mayStart) {
            startWaiting();
        }
    }

    private void startWaiting() {
        mayStart = false;
        int flags = cluster.flags();
        boolean backfillHeld = (flags & (OsdMapFlags.NOBACKFILL | OsdMapFlags.NOREBALANCE)) != 0;
        boolean recoveryHeld = (flags & OsdMapFlags.NORECOVER) != 0;
        int kept = 0;
        for (int index = 0; index < waitingCount; index++) {
            int pg = waiting[index];
            byte phase = cluster.phase(pg);
            boolean backfill = phase == Phase.BACKFILL_WAIT;
            if (!backfill && phase != Phase.RECOVERY_WAIT) {
                continue; // started, settled or cancelled since it was queued
            }
            if (!(backfill ? backfillHeld : recoveryHeld) && start(pg, backfill)) {
                continue;
            }
            waiting[kept++] = pg;
        }
        waitingCount = kept;
    }

    private boolean start(int pg, boolean backfill) {
        SimulatedPool pool = cluster.poolOf(pg);
        int index = pg - pool.firstPlacementGroup();
        int[] osds = new int[pool.copies() + 1];
        int count = 0;
        long missedSeconds = 0;
        for (int copy = 0; copy < pool.copies(); copy++) {
            int actingOsd = cluster.actingOsd(pool, index, copy);
            missedSeconds = Math.max(missedSeconds, cluster.osdLastDownSeconds(actingOsd));
            // A backfill reserves its primary (the first acting OSD up) and its targets, a recovery every acting OSD
            // up.
            if (cluster.osdUp(actingOsd) && (!backfill || count == 0) && !contains(osds, count, actingOsd)) {
                osds[count++] = actingOsd;
            }
        }
        if (count == 0) {
            return false;
        }
        for (int copy = 0; backfill && copy < pool.copies(); copy++) {
            int upOsd = cluster.placementGroupOsd(pool, index, copy);
            if (upOsd != cluster.actingOsd(pool, index, copy)) {
                if (!cluster.osdUp(upOsd)) {
                    return false;
                }
                if (!contains(osds, count, upOsd)) {
                    osds[count++] = upOsd;
                }
            }
        }
        for (int osd = 0; osd < count; osd++) {
            if (reservations[osds[osd]] >= MAX_RESERVATIONS) {
                return false;
            }
        }
        long placementGroupBytes = pool.storedBytes() / pool.pgNum();
        long bytes = backfill
                ? placementGroupBytes
                : Math.min(placementGroupBytes, pool.writeBytesPerSecond() / pool.pgNum() * missedSeconds);
        int[] taken = Arrays.copyOf(osds, count);
        for (int osd : taken) {
            reservations[osd]++;
        }
        add(pg, bytes, Math.max(MIN_SECONDS, divideUp(bytes, BYTES_PER_SECOND)), taken);
        cluster.setPhase(pg, backfill ? Phase.BACKFILLING : Phase.RECOVERING);
        return true;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int index = 0; index < length; index++) {
            if (values[index] == value) {
                return true;
            }
        }
        return false;
    }

    private void add(int pg, long bytes, long seconds, int[] osds) {
        if (activeCount == activePlacementGroups.length) {
            int grown = activeCount * 2;
            activePlacementGroups = Arrays.copyOf(activePlacementGroups, grown);
            bytesLeft = Arrays.copyOf(bytesLeft, grown);
            secondsLeft = Arrays.copyOf(secondsLeft, grown);
            reserved = Arrays.copyOf(reserved, grown);
        }
        activePlacementGroups[activeCount] = pg;
        bytesLeft[activeCount] = bytes;
        secondsLeft[activeCount] = seconds;
        reserved[activeCount] = osds;
        activeCount++;
    }

    /** Frees the reservations of transfer {@code index}; the last transfer takes its place. */
    private void remove(int index) {
        for (int osd : reserved[index]) {
            reservations[osd]--;
        }
        activeCount--;
        activePlacementGroups[index] = activePlacementGroups[activeCount];
        bytesLeft[index] = bytesLeft[activeCount];
        secondsLeft[index] = secondsLeft[activeCount];
        reserved[index] = reserved[activeCount];
        reserved[activeCount] = NONE;
        mayStart = true;
    }

    private static long divideUp(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
