package io.calamari.simulator;

/** The states a simulated PG can be in, with Ceph's name for each; decided by how many copies are up. */
enum PlacementGroupState {
    ACTIVE_CLEAN("active+clean"),
    DEGRADED("active+undersized+degraded"),
    INACTIVE("undersized+degraded+peered"),
    STALE("stale+undersized+degraded+peered");

    private final String cephName;

    PlacementGroupState(String cephName) {
        this.cephName = cephName;
    }

    String cephName() {
        return cephName;
    }

    static PlacementGroupState of(int upCopies, int size, int minSize) {
        if (upCopies == size) {
            return ACTIVE_CLEAN;
        }
        if (upCopies >= minSize) {
            return DEGRADED;
        }
        return upCopies == 0 ? STALE : INACTIVE;
    }
}
