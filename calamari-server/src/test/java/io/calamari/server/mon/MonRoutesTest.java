package io.calamari.server.mon;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The mon resources over the recorded healthy cluster (one mon, "a", leader). */
class MonRoutesTest {
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private TestServer server;
    private ApiClient admin;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(healthy));
        admin = server.admin();
        base = "/api/v2/cluster/" + healthy.fsid();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void monsAreListedWithQuorumAndLeader() {
        JsonNode mons = admin.get(base + "/mon").json();
        assertThat(mons).hasSize(1);
        JsonNode mon = mons.get(0);
        assertThat(mon.propertyNames()).containsExactly("name", "rank", "in_quorum", "server", "addr", "leader");
        assertThat(mon.get("name").asString()).isEqualTo("a");
        assertThat(mon.get("rank").asInt()).isZero();
        assertThat(mon.get("in_quorum").asBoolean()).isTrue();
        assertThat(mon.get("leader").asBoolean()).isTrue();
        assertThat(mon.get("server").asString()).isEqualTo("a");
        assertThat(mon.get("addr").asString()).isEqualTo("127.0.0.1:40900/0");

        assertThat(admin.get(base + "/mon/a").json()).isEqualTo(mon);
        assertThat(admin.get(base + "/mon/b").status()).isEqualTo(404);
    }

    @Test
    void statusIsReconstructedFromQuorumStatus() {
        JsonNode status = admin.get(base + "/mon/a/status").json();
        assertThat(status.get("name").asString()).isEqualTo("a");
        assertThat(status.get("state").asString()).isEqualTo("leader");
        assertThat(status.get("election_epoch").asInt()).isEqualTo(3);
        assertThat(status.get("quorum").get(0).asInt()).isZero();
        assertThat(status.get("quorum_names").get(0).asString()).isEqualTo("a");
        assertThat(status.get("quorum_leader_name").asString()).isEqualTo("a");
        assertThat(status.get("outside_quorum")).isEmpty();
        assertThat(status.get("monmap").get("fsid").asString()).isEqualTo(healthy.fsid());
        assertThat(status.get("monmap").get("mons").get(0).get("addr").asString())
                .isEqualTo("127.0.0.1:40900/0");

        assertThat(admin.get(base + "/mon/b/status").status()).isEqualTo(404);
        assertThat(admin.get("/api/v2/cluster/nope/mon/a/status").status()).isEqualTo(404);
    }

    @Test
    void withoutAMonMapTheAnswerIs503() {
        ClusterSnapshot noMonMap = FixtureSnapshots.withoutMons(healthy);
        try (TestServer other = TestServer.start(new FakeClusterDirectory(noMonMap))) {
            ApiResponse response = other.admin().get(base + "/mon");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("detail").asString()).isEqualTo("Cluster mon map not yet available");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
