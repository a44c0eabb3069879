package io.calamari.simulator;

import java.util.List;

/**
 * The size and seed of a simulated cluster. Two clusters built from equal specs answer every
 * command with the same bytes.
 *
 * <p>Hosts are named {@code node0}, {@code node1}...; with {@code racks > 0} host {@code i} sits in
 * rack {@code rack(i % racks)}, otherwise directly under the CRUSH root {@code default}. Pool 1 is
 * {@code device_health_metrics} with one PG, as the manager creates it on a real cluster; the other
 * {@code pools - 1} pools share the remaining PGs. Every pool keeps {@link #replicas()} copies on as
 * many distinct hosts. Immutable.
 *
 * @param racks racks between the root and the hosts, 0 for none
 * @param hosts hosts holding OSDs
 * @param osdsPerHost OSDs on every host
 * @param pools pools, at least 1
 * @param placementGroups PGs of all pools together, at least one per pool
 * @param mons monitors, named {@code a}, {@code b}...
 * @param seed what every identifier, address and placement is derived from
 */
public record SimulatorSpec(
        int racks, int hosts, int osdsPerHost, int pools, int placementGroups, int mons, long seed) {
    /** Most copies a pool keeps; fewer when there are fewer hosts. */
    public static final int MAX_REPLICAS = 3;

    static final int MAX_MONS = 26;

    public SimulatorSpec {
        requireAtLeast("racks", racks, 0);
        requireAtLeast("hosts", hosts, 1);
        requireAtLeast("osdsPerHost", osdsPerHost, 1);
        requireAtLeast("pools", pools, 1);
        requireAtLeast("placementGroups", placementGroups, pools);
        requireAtLeast("mons", mons, 1);
        if (mons > MAX_MONS) {
            throw new IllegalArgumentException("at most " + MAX_MONS + " mons, was " + mons);
        }
        if (racks > hosts) {
            throw new IllegalArgumentException("more racks (" + racks + ") than hosts (" + hosts + ")");
        }
        if ((long) hosts * osdsPerHost > 100_000) {
            throw new IllegalArgumentException("at most 100,000 OSDs, was " + (long) hosts * osdsPerHost);
        }
    }

    /** A cluster of {@code hosts} hosts without racks, seed 1, and 1, 3 or 5 mons (an odd number, as deployed). */
    public static SimulatorSpec of(int hosts, int osdsPerHost, int pools, int placementGroups) {
        int mons = hosts >= 5 ? 5 : hosts >= 3 ? 3 : 1;
        return new SimulatorSpec(0, hosts, osdsPerHost, pools, placementGroups, mons, 1);
    }

    /**
     * {@code base} with the sizes {@code text} names, as {@code key=value} pairs separated by commas:
     * {@code racks}, {@code hosts}, {@code osds-per-host}, {@code pools}, {@code pgs}, {@code mons},
     * {@code seed} (for example {@code hosts=1000,osds-per-host=10,pgs=1000000}).
     *
     * @throws IllegalArgumentException naming the bad pair, or the size the spec refuses
     */
    public static SimulatorSpec parse(String text, SimulatorSpec base) {
        long[] values = {
            base.racks, base.hosts, base.osdsPerHost, base.pools, base.placementGroups, base.mons, base.seed
        };
        List<String> keys = List.of("racks", "hosts", "osds-per-host", "pools", "pgs", "mons", "seed");
        for (String pair : text.split(",", -1)) {
            String[] keyValue = pair.trim().split("=", 2);
            int index = keys.indexOf(keyValue[0].trim());
            if (keyValue.length != 2 || index < 0) {
                throw new IllegalArgumentException(
                        "expected key=value pairs with keys " + String.join(", ", keys) + "; got '" + pair + "'");
            }
            try {
                values[index] = Long.parseLong(keyValue[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        keyValue[0].trim() + " must be a whole number, got '" + keyValue[1] + "'");
            }
            if (index < 6 && (values[index] < 0 || values[index] > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(keyValue[0].trim() + " is out of range: " + values[index]);
            }
        }
        return new SimulatorSpec(
                (int) values[0],
                (int) values[1],
                (int) values[2],
                (int) values[3],
                (int) values[4],
                (int) values[5],
                values[6]);
    }

    public SimulatorSpec withSeed(long newSeed) {
        return new SimulatorSpec(racks, hosts, osdsPerHost, pools, placementGroups, mons, newSeed);
    }

    public SimulatorSpec withMons(int newMons) {
        return new SimulatorSpec(racks, hosts, osdsPerHost, pools, placementGroups, newMons, seed);
    }

    public SimulatorSpec withRacks(int newRacks) {
        return new SimulatorSpec(newRacks, hosts, osdsPerHost, pools, placementGroups, mons, seed);
    }

    public int osds() {
        return hosts * osdsPerHost;
    }

    /** Copies per PG: three, or one per host when there are fewer hosts. */
    public int replicas() {
        return Math.min(MAX_REPLICAS, hosts);
    }

    private static void requireAtLeast(String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
    }
}
