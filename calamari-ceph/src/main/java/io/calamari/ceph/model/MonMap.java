package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** The mon map from {@code mon dump} (also embedded in quorum and mon status). Immutable. */
public record MonMap(int epoch, String fsid, List<Mon> mons) {
    public MonMap {
        requireNonNull(fsid, "fsid");
        mons = List.copyOf(mons);
    }

    public Optional<Mon> byRank(int rank) {
        return mons.stream().filter(mon -> mon.rank() == rank).findFirst();
    }

    public Optional<Mon> byName(String name) {
        return mons.stream().filter(mon -> mon.name().equals(name)).findFirst();
    }
}
