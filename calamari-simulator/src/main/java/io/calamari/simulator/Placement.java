package io.calamari.simulator;

import java.util.List;

/**
 * Where each PG's copies live: a hash of the seed, the pool and the PG picks as many distinct
 * hosts as the pool has copies (the replicated rule's failure domain) and one OSD on each, so
 * placement is deterministic, spread evenly over equal-weight OSDs, never puts two copies on one
 * host, and does not move a PG when other pools change. OSDs that are out (reweight 0) are
 * skipped: the next OSD of the same host takes the copy, or, when the whole host is out, the next
 * host the hash offers; so marking an OSD out moves only the copies it held (and marking it in
 * again moves them back), as CRUSH does. When too few hosts have an OSD in, a copy stays where it
 * would be with every OSD in. It is not CRUSH (straw2 would give other OSDs), only as even.
 * Stateless.
 */
final class Placement {
    private static final int HASHED_ATTEMPTS = 16;

    private Placement() {}

    /**
     * Lays the pools out one after the other ({@link SimulatedPool#placeAt}) and returns the OSDs of
     * every PG, {@link SimulatedPool#copies()} per PG, primary first, PGs in pool order, choosing
     * among the OSDs whose {@code osdWeight} is above 0.
     */
    static int[] place(SimulatorSpec spec, List<SimulatedPool> pools, int[] osdWeight) {
        int firstPlacementGroup = 0;
        int firstCopy = 0;
        for (SimulatedPool pool : pools) {
            int copies = Math.min(pool.size(), spec.hosts());
            pool.placeAt(firstPlacementGroup, firstCopy, copies);
            firstPlacementGroup += pool.pgNum();
            firstCopy += pool.pgNum() * copies;
        }
        int perHost = spec.osdsPerHost();
        int[] inPerHost = new int[spec.hosts()];
        for (int osd = 0; osd < osdWeight.length; osd++) {
            inPerHost[osd / perHost] += osdWeight[osd] > 0 ? 1 : 0;
        }
        int[] osds = new int[firstCopy];
        for (SimulatedPool pool : pools) {
            int copies = pool.copies();
            int[] hosts = new int[copies];
            for (int index = 0; index < pool.pgNum(); index++) {
                long key = Hashing.mix(spec.seed(), pool.id(), index);
                int first = pool.firstCopy() + index * copies;
                for (int copy = 0; copy < copies; copy++) {
                    hosts[copy] = chooseHost(key, copy, hosts, inPerHost);
                    osds[first + copy] = chooseOsd(key, copy, hosts[copy] * perHost, perHost, osdWeight);
                }
            }
        }
        return osds;
    }

    /**
     * The OSD the hash picks on the host; when it is out, the next pick that is in (so the copies
     * an out OSD held spread over its host's other OSDs), then the next one in by number; the first
     * pick when none is in.
     */
    private static int chooseOsd(long key, int copy, int hostFirstOsd, int perHost, int[] osdWeight) {
        int slot = Hashing.below(key, copy, 0x05D, perHost);
        if (osdWeight[hostFirstOsd + slot] > 0) {
            return hostFirstOsd + slot;
        }
        for (int attempt = 1; attempt < HASHED_ATTEMPTS; attempt++) {
            int osd = hostFirstOsd + Hashing.below(key, copy, 0x05D + attempt, perHost);
            if (osdWeight[osd] > 0) {
                return osd;
            }
        }
        for (int step = 1; step < perHost; step++) {
            int osd = hostFirstOsd + (slot + step) % perHost;
            if (osdWeight[osd] > 0) {
                return osd;
            }
        }
        return hostFirstOsd + slot;
    }

    private static int chooseHost(long key, int copy, int[] chosen, int[] inPerHost) {
        int hostCount = inPerHost.length;
        int candidate = 0;
        for (int attempt = 0; attempt < HASHED_ATTEMPTS; attempt++) {
            candidate = Hashing.below(key, copy, attempt, hostCount);
            if (!contains(chosen, copy, candidate) && inPerHost[candidate] > 0) {
                return candidate;
            }
        }
        // Few hosts (or few with an OSD in): walk on from the last candidate to the next free one.
        for (int step = 0; step < hostCount; step++) {
            int host = (candidate + step) % hostCount;
            if (!contains(chosen, copy, host) && inPerHost[host] > 0) {
                return host;
            }
        }
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
