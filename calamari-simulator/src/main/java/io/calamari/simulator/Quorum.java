package io.calamari.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Which monitors of a simulated cluster are in quorum: all at first; each change is an election
 * (the election epoch goes up by two, as a started and a won election bump it once each) and the
 * quorum's age starts again. The lowest rank in quorum leads. A change that would leave no
 * majority is refused by the caller. Not thread-safe: the cluster's lock guards it.
 */
final class Quorum {
    private final boolean[] inQuorum;
    private int electionEpoch;
    private long formedAt;

    Quorum(int mons, long formedAt) {
        this.inQuorum = new boolean[mons];
        java.util.Arrays.fill(inQuorum, true);
        this.electionEpoch = 2 + mons;
        this.formedAt = formedAt;
    }

    boolean inQuorum(int rank) {
        return inQuorum[rank];
    }

    /** The ranks in quorum, lowest first. */
    List<Integer> ranks() {
        List<Integer> ranks = new ArrayList<>();
        for (int rank = 0; rank < inQuorum.length; rank++) {
            if (inQuorum[rank]) {
                ranks.add(rank);
            }
        }
        return ranks;
    }

    int leader() {
        return ranks().get(0);
    }

    int electionEpoch() {
        return electionEpoch;
    }

    /** When the current quorum formed, in epoch seconds. */
    long formedAt() {
        return formedAt;
    }

    /** Whether the quorum would still be a majority of the monitor map with {@code rank} out. */
    boolean canLose(int rank) {
        int remaining = ranks().size() - (inQuorum[rank] ? 1 : 0);
        return remaining > inQuorum.length / 2;
    }

    /** Moves {@code rank} in or out of quorum after an election at {@code second}; false when it already was. */
    boolean set(int rank, boolean in, long second) {
        if (inQuorum[rank] == in) {
            return false;
        }
        inQuorum[rank] = in;
        electionEpoch += 2;
        formedAt = second;
        return true;
    }
}
