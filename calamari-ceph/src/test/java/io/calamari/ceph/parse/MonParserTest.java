package io.calamari.ceph.parse;

import static io.calamari.ceph.parse.Fixtures.DEGRADED;
import static io.calamari.ceph.parse.Fixtures.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.ceph.model.Mon;
import io.calamari.ceph.model.MonMap;
import io.calamari.ceph.model.QuorumStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class MonParserTest {
    @Test
    void parsesMonDump() {
        MonMap map = MonDumpParser.parse(Fixtures.bytes(HEALTHY, "mon-dump.json"));

        assertThat(map.epoch()).isEqualTo(1);
        assertThat(map.fsid()).isEqualTo("56bd728b-177f-4ec7-aa9b-9dbca4741b70");
        Mon mon = map.byRank(0).orElseThrow();
        assertThat(mon.name()).isEqualTo("a");
        assertThat(mon.address()).isEqualTo("127.0.0.1:40900/0");
        assertThat(mon.publicAddresses()).containsExactly("v2:127.0.0.1:40900/0");
    }

    @Test
    void monAddressFallsBackToAddressVector() {
        var edited = Fixtures.edited(HEALTHY, "mon-dump.json", root -> {
            ObjectNode mon = (ObjectNode) root.get("mons").get(0);
            mon.remove("addr");
            mon.remove("public_addr");
        });

        assertThat(MonDumpParser.parse(edited).byName("a").orElseThrow().address())
                .isEqualTo("127.0.0.1:40900/0");
    }

    @Test
    void monDumpRequiresMonNames() {
        var edited = Fixtures.edited(
                HEALTHY, "mon-dump.json", root -> ((ObjectNode) root.get("mons").get(0)).remove("name"));

        assertThatThrownBy(() -> MonDumpParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("mon dump")
                .hasMessageContaining("'name'");
    }

    @Test
    void parsesQuorumStatus() {
        QuorumStatus status = QuorumStatusParser.parse(Fixtures.bytes(DEGRADED, "quorum_status.json"));

        assertThat(status.electionEpoch()).isEqualTo(3);
        assertThat(status.quorum()).containsExactly(0);
        assertThat(status.quorumNames()).containsExactly("a");
        assertThat(status.leaderName()).hasValue("a");
        assertThat(status.monMap().orElseThrow().mons()).extracting(Mon::name).containsExactly("a");
    }

    @Test
    void monStatusFromTellAndAdminSocketResolvesNamesAndLeader() {
        for (String file : new String[] {"tell-mon-status.json", "daemon-mon-status.json"}) {
            QuorumStatus status = QuorumStatusParser.parse(Fixtures.bytes(HEALTHY, file));

            assertThat(status.electionEpoch()).as(file).isEqualTo(3);
            assertThat(status.quorumNames()).as(file).containsExactly("a");
            assertThat(status.leaderName()).as(file).hasValue("a");
        }
    }

    @Test
    void quorumWithoutLeaderOrMonMapStillParses() {
        QuorumStatus status = QuorumStatusParser.parse(Fixtures.parse(
                "{\"election_epoch\": 8, \"quorum\": [0, 2], \"quorum_names\":" + " [\"a\", \"c\"], \"extra\": {}}"));

        assertThat(status.quorumNames()).containsExactly("a", "c");
        assertThat(status.leaderName()).isEmpty();
        assertThat(status.monMap()).isEmpty();
    }

    @Test
    void quorumStatusRequiresElectionEpoch() {
        var edited = Fixtures.edited(HEALTHY, "quorum_status.json", root -> root.remove("election_epoch"));

        assertThatThrownBy(() -> QuorumStatusParser.parse(edited))
                .isInstanceOf(CephParseException.class)
                .hasMessageContaining("quorum_status")
                .hasMessageContaining("'election_epoch'");
    }
}
