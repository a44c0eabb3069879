package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

/** A count of PGs in one combined state ({@code active+clean}) from {@code status}. Immutable. */
public record PgStateCount(String state, long count) {
    public PgStateCount {
        requireNonNull(state, "state");
    }
}
