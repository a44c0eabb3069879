package io.calamari.ceph.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The quorum as {@code quorum_status} (or a mon's own {@code mon_status}) reports it: election
 * epoch, ranks and names in quorum, the leader when known, and the embedded mon map. Immutable.
 */
public record QuorumStatus(
        int electionEpoch,
        List<Integer> quorum,
        List<String> quorumNames,
        Optional<String> leaderName,
        Optional<MonMap> monMap) {
    public QuorumStatus {
        quorum = List.copyOf(quorum);
        quorumNames = List.copyOf(quorumNames);
        requireNonNull(leaderName, "leaderName");
        requireNonNull(monMap, "monMap");
    }
}
