package io.calamari.simulator;

import java.util.List;

/**
 * Where each PG's copies live: a hash of the seed, the pool and the PG picks as many distinct
 * hosts as the pool has copies (the replicated rule's failure domain) and one OSD on each, so
 * placement is deterministic, spread evenly over equal-weight OSDs, never puts two copies on one
 * host, and does not move a PG when other pools change. It is not CRUSH (straw2 would give other
 * OSDs), only as even. Stateless.
 */
final class Placement {
    private static final int HASHED_ATTEMPTS = 16;

    private Placement() {}

    /**
     * Lays the pools out one after the other ({@link SimulatedPool#placeAt}) and returns the OSDs of
     * every PG, {@link SimulatedPool#copies()} per PG, primary first, PGs in pool order.
     */
    static int[] place(SimulatorSpec spec, List<SimulatedPool> pools) {
        int firstPlacementGroup = 0;
        int firstCopy = 0;
        for (SimulatedPool pool : pools) {
            int copies = Math.min(pool.size(), spec.hosts());
            pool.placeAt(firstPlacementGroup, firstCopy, copies);
            firstPlacementGroup += pool.pgNum();
            firstCopy += pool.pgNum() * copies;
        }
        int[] osds = new int[firstCopy];
        for (SimulatedPool pool : pools) {
            int copies = pool.copies();
            int[] hosts = new int[copies];
            for (int index = 0; index < pool.pgNum(); index++) {
                long key = Hashing.mix(spec.seed(), pool.id(), index);
                int first = pool.firstCopy() + index * copies;
                for (int copy = 0; copy < copies; copy++) {
                    hosts[copy] = chooseHost(key, copy, hosts, spec.hosts());
                    int slot = Hashing.below(key, copy, 0x05D, spec.osdsPerHost());
                    osds[first + copy] = hosts[copy] * spec.osdsPerHost() + slot;
                }
            }
        }
        return osds;
    }

    private static int chooseHost(long key, int copy, int[] chosen, int hostCount) {
        int candidate = 0;
        for (int attempt = 0; attempt < HASHED_ATTEMPTS; attempt++) {
            candidate = Hashing.below(key, copy, attempt, hostCount);
            if (!contains(chosen, copy, candidate)) {
                return candidate;
            }
        }
        // Few hosts: walk on from the last candidate to the next free one.
        while (contains(chosen, copy, candidate)) {
            candidate = (candidate + 1) % hostCount;
        }
        return candidate;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int index = 0; index < length; index++) {
            if (values[index] == value) {
                return true;
            }
        }
        return false;
    }
}
