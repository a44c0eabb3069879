package io.calamari.simulator;

import static java.util.Objects.requireNonNull;

/**
 * One pool of a simulated cluster. Its PGs are the {@code pgNum} entries of the cluster's PG arrays
 * from {@code firstPlacementGroup} on; PG {@code N} of the pool is {@code <id>.<N in hex>}.
 * Immutable: a change to a pool replaces it.
 *
 * @param application the one application enabled on the pool ({@code rbd}, {@code rgw},
 *     {@code mgr_devicehealth})
 * @param lastChange the OSD map epoch of the pool's last change
 */
record SimulatedPool(
        int id,
        String name,
        int pgNum,
        int size,
        int minSize,
        String application,
        int lastChange,
        int firstPlacementGroup,
        long storedBytes,
        long objects) {

    SimulatedPool {
        requireNonNull(name, "name");
        requireNonNull(application, "application");
    }

    static String placementGroupId(int poolId, int index) {
        return poolId + "." + Integer.toHexString(index);
    }
}
