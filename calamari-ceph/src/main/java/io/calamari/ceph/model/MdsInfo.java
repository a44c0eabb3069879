package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/** One MDS daemon of an MDS map: gid, name, state ({@code up:active}) and rank (-1 if none). */
public record MdsInfo(long gid, String name, String state, int rank) {
    public MdsInfo {
        requireNonNull(name, "name");
        requireNonNull(state, "state");
    }
}
