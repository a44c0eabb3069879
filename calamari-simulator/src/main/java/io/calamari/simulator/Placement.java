package io.calamari.simulator;

import java.util.List;

/**
 * Where each PG's copies live: a hash of the seed, the pool and the PG picks {@code replicas}
 * distinct hosts (the replicated rule's failure domain) and one OSD on each, so placement is
 * deterministic, spread evenly over equal-weight OSDs, and never puts two copies on one host. It is
 * not CRUSH (straw2 would give other OSDs), only as even. Stateless.
 */
final class Placement {
    private static final int HASHED_ATTEMPTS = 16;

    private Placement() {}

    /** The OSDs of every PG, {@code spec.replicas()} per PG, primary first, PGs in pool order. */
    static int[] place(SimulatorSpec spec, List<SimulatedPool> pools) {
        int replicas = spec.replicas();
        int[] osds = new int[spec.placementGroups() * replicas];
        int[] hosts = new int[replicas];
        for (SimulatedPool pool : pools) {
            for (int index = 0; index < pool.pgNum(); index++) {
                int pg = pool.firstPlacementGroup() + index;
                long key = Hashing.mix(spec.seed(), pool.id(), index);
                for (int copy = 0; copy < replicas; copy++) {
                    hosts[copy] = chooseHost(key, copy, hosts, spec.hosts());
                    int slot = Hashing.below(key, copy, 0x05D, spec.osdsPerHost());
                    osds[pg * replicas + copy] = hosts[copy] * spec.osdsPerHost() + slot;
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
