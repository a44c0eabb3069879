package io.calamari.server.mon;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.QuorumStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Calamari's quorum rules over hand-made mon maps. */
class MonQuorumTest {
    private static final MonMap THREE = new MonMap(
            4,
            "fsid",
            List.of(
                    new Mon("b", 1, "10.0.0.2:6789/0", List.of()),
                    new Mon("a", 0, "10.0.0.1:6789/0", List.of()),
                    new Mon("c", 2, "10.0.0.3:6789/0", List.of())));

    @Test
    void aMajorityQuorumCountsAndTheLeaderIsNamed() {
        MonQuorum quorum = MonQuorum.of(
                THREE,
                Optional.of(new QuorumStatus(8, List.of(0, 1), List.of("a", "b"), Optional.of("a"), Optional.empty())));
        assertThat(quorum.mons()).extracting(Mon::name).containsExactly("a", "b", "c");
        assertThat(quorum.inQuorum("a")).isTrue();
        assertThat(quorum.inQuorum("b")).isTrue();
        assertThat(quorum.inQuorum("c")).isFalse();
        assertThat(quorum.isLeader("a")).isTrue();
        assertThat(quorum.isLeader("b")).isFalse();
    }

    @Test
    void aMinorityQuorumCountsAsNone() {
        MonQuorum quorum = MonQuorum.of(
                THREE, Optional.of(new QuorumStatus(9, List.of(2), List.of("c"), Optional.of("c"), Optional.empty())));
        assertThat(quorum.inQuorum("c")).isFalse();
        assertThat(quorum.inRawQuorum(THREE.byName("c").orElseThrow())).isTrue();
    }

    @Test
    void withoutQuorumStatusNoMonIsInQuorum() {
        MonQuorum quorum = MonQuorum.of(THREE, Optional.empty());
        assertThat(THREE.mons()).noneMatch(mon -> quorum.inQuorum(mon.name()));
        assertThat(quorum.isLeader("a")).isFalse();
    }
}
