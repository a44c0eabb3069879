package io.calamari.simulator;

/**
 * The states a simulated PG can be in, with Ceph's name for each. {@link #of} decides one from how
 * many of the PG's acting copies are up, whether its acting set differs from its up set (remapped)
 * and where it is in recovery, backfill or scrubbing ({@link Phase}).
 */
enum PlacementGroupState {
    ACTIVE_CLEAN("active+clean"),
    SCRUBBING("active+clean+scrubbing"),
    DEEP_SCRUBBING("active+clean+scrubbing+deep"),
    DEGRADED("active+undersized+degraded"),
    RECOVERY_WAIT("active+recovery_wait+degraded"),
    RECOVERING("active+recovering+degraded"),
    MISPLACED_BACKFILL_WAIT("active+remapped+backfill_wait"),
    MISPLACED_BACKFILLING("active+remapped+backfilling"),
    DEGRADED_BACKFILL_WAIT("active+undersized+degraded+remapped+backfill_wait"),
    DEGRADED_BACKFILLING("active+undersized+degraded+remapped+backfilling"),
    INACTIVE("undersized+degraded+peered"),
    INACTIVE_BACKFILL_WAIT("undersized+degraded+remapped+backfill_wait+peered"),
    INACTIVE_BACKFILLING("undersized+degraded+remapped+backfilling+peered"),
    STALE("stale+undersized+degraded+peered");

    private static final PlacementGroupState[] VALUES = values();

    /** Where a PG is in its own life, one byte per PG; the state follows from it and its copies. */
    static final class Phase {
        static final byte CLEAN = 0;
        /** A copy is down: the PG will need recovery when it is back. */
        static final byte NEEDS_RECOVERY = 1;

        static final byte RECOVERY_WAIT = 2;
        static final byte RECOVERING = 3;
        static final byte BACKFILL_WAIT = 4;
        static final byte BACKFILLING = 5;
        static final byte SCRUBBING = 6;
        static final byte DEEP_SCRUBBING = 7;

        private Phase() {}
    }

    private final String cephName;

    PlacementGroupState(String cephName) {
        this.cephName = cephName;
    }

    String cephName() {
        return cephName;
    }

    static PlacementGroupState ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    boolean clean() {
        return this == ACTIVE_CLEAN || this == SCRUBBING || this == DEEP_SCRUBBING;
    }

    boolean active() {
        return this != INACTIVE && this != INACTIVE_BACKFILL_WAIT && this != INACTIVE_BACKFILLING && this != STALE;
    }

    boolean degraded() {
        return !clean() && this != MISPLACED_BACKFILL_WAIT && this != MISPLACED_BACKFILLING;
    }

    boolean undersized() {
        return degraded() && this != RECOVERY_WAIT && this != RECOVERING;
    }

    boolean remapped() {
        return cephName.contains("remapped");
    }

    /** A PG of a settled cluster: {@code upCopies} of {@code size} up, nothing moving. */
    static PlacementGroupState of(int upCopies, int size, int minSize) {
        return of(upCopies, size, minSize, Phase.CLEAN);
    }

    static PlacementGroupState of(int upCopies, int size, int minSize, byte phase) {
        if (upCopies == 0) {
            return STALE;
        }
        boolean inactive = upCopies < minSize;
        boolean undersized = upCopies < size;
        if (phase == Phase.BACKFILL_WAIT || phase == Phase.BACKFILLING) {
            boolean waiting = phase == Phase.BACKFILL_WAIT;
            if (inactive) {
                return waiting ? INACTIVE_BACKFILL_WAIT : INACTIVE_BACKFILLING;
            }
            if (undersized) {
                return waiting ? DEGRADED_BACKFILL_WAIT : DEGRADED_BACKFILLING;
            }
            return waiting ? MISPLACED_BACKFILL_WAIT : MISPLACED_BACKFILLING;
        }
        if (inactive) {
            return INACTIVE;
        }
        if (undersized) {
            return DEGRADED;
        }
        return switch (phase) {
            case Phase.RECOVERY_WAIT -> RECOVERY_WAIT;
            case Phase.RECOVERING -> RECOVERING;
            case Phase.SCRUBBING -> SCRUBBING;
            case Phase.DEEP_SCRUBBING -> DEEP_SCRUBBING;
            default -> ACTIVE_CLEAN;
        };
    }
}
