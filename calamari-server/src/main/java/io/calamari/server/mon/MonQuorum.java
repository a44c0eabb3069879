package io.calamari.server.mon;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.QuorumStatus;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.Part;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which mons of a cluster are in quorum, by Calamari's rules, from the snapshot's mon map and
 * {@code quorum_status}: a mon is in quorum when its rank is in the quorum; when fewer than a
 * majority ({@code n/2+1}) of the mons are, none is counted as in quorum. Calamari also reconciled
 * each mon's local {@code mon_status} from salt heartbeats; there are no heartbeats here, so the
 * cluster's view is the only opinion. Without a {@code quorum_status} no mon is in quorum.
 * Immutable; no HTTP.
 */
public final class MonQuorum {
    private final MonMap monMap;
    private final Optional<QuorumStatus> quorum;
    private final Set<String> inQuorum;

    private MonQuorum(MonMap monMap, Optional<QuorumStatus> quorum) {
        this.monMap = requireNonNull(monMap, "monMap");
        this.quorum = requireNonNull(quorum, "quorum");
        Set<Integer> ranks = new HashSet<>(quorum.map(QuorumStatus::quorum).orElse(List.of()));
        Set<String> names = new HashSet<>();
        for (Mon mon : monMap.mons()) {
            if (ranks.contains(mon.rank())) {
                names.add(mon.name());
            }
        }
        int majority = monMap.mons().size() / 2 + 1;
        this.inQuorum = names.size() < majority ? Set.of() : Set.copyOf(names);
    }

    public static MonQuorum of(MonMap monMap, Optional<QuorumStatus> quorum) {
        return new MonQuorum(monMap, quorum);
    }

    /** The snapshot's mons, or empty when the mon map has not been fetched yet. */
    public static Optional<MonQuorum> of(ClusterSnapshot snapshot) {
        return snapshot.monMap()
                .map(Part::value)
                .map(map -> of(map, snapshot.quorum().map(Part::value)));
    }

    public MonMap monMap() {
        return monMap;
    }

    /** The raw {@code quorum_status}, as fetched. */
    public Optional<QuorumStatus> quorum() {
        return quorum;
    }

    /**
     * The server a mon runs on: its name. Mon names are hostnames in a conventionally deployed
     * cluster (cephadm, ceph-deploy); Calamari lite resolved the mon address by reverse DNS
     * instead, which this leaves out so that the answer does not depend on DNS.
     */
    public static String host(Mon mon) {
        return host(mon.name());
    }

    /** The server the mon of this name runs on; see {@link #host(Mon)}. */
    public static String host(String monName) {
        return monName;
    }

    /** The mons ordered by rank. */
    public List<Mon> mons() {
        return monMap.mons().stream().sorted(Comparator.comparingInt(Mon::rank)).toList();
    }

    /** Whether the mon counts as in quorum (after the majority rule). */
    public boolean inQuorum(String name) {
        return inQuorum.contains(name);
    }

    /** Whether the mon is the quorum leader {@code quorum_status} names. */
    public boolean isLeader(String name) {
        return quorum.flatMap(QuorumStatus::leaderName).filter(name::equals).isPresent();
    }

    /** Whether the raw {@code quorum_status} lists the mon's rank (no majority rule). */
    public boolean inRawQuorum(Mon mon) {
        return quorum.map(status -> status.quorum().contains(mon.rank())).orElse(false);
    }
}
