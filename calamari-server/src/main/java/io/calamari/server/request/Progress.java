package io.calamari.server.request;

import static java.util.Objects.requireNonNull;

/**
 * How far a request got, stored after every step so that a restarted server knows where it
 * stopped. Immutable.
 *
 * @param commandsDone how many of the plan's commands Ceph has accepted
 * @param osdMapEpoch the OSD map epoch Ceph reported after the last command, or -1 before that
 */
public record Progress(Phase phase, int commandsDone, long osdMapEpoch) {
    /** The phases of a request; {@link #DONE} once it is complete, successfully or not. */
    public enum Phase {
        /** Accepted and stored; no command sent yet. */
        QUEUED,
        /** Sending the plan's commands, one after the other. */
        SENDING,
        /** Every command accepted; waiting for the snapshot to show the change. */
        WAITING,
        DONE
    }

    public Progress {
        requireNonNull(phase, "phase");
    }

    public static Progress queued() {
        return new Progress(Phase.QUEUED, 0, -1);
    }

    public Progress sending(int done) {
        return new Progress(Phase.SENDING, done, osdMapEpoch);
    }

    public Progress waiting(long epoch) {
        return new Progress(Phase.WAITING, commandsDone, epoch);
    }

    public Progress done() {
        return new Progress(Phase.DONE, commandsDone, osdMapEpoch);
    }
}
