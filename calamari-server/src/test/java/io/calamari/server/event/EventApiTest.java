package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.request.RecordingChannel;
import io.calamari.server.request.RequestAwait;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The event resources over a real server: the start event, request events, filters and pages. */
class EventApiTest {
    private static final ClusterSnapshot HEALTHY = FixtureSnapshots.healthy();
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void setUp() throws Exception {
        FakeClusterDirectory clusters = new FakeClusterDirectory(HEALTHY);
        clusters.acceptCommands(HEALTHY.fsid(), new RecordingChannel(14));
        server = TestServer.start(clusters);
        admin = server.admin();
        String id = RequestAwait.accepted(
                admin.patch("/api/v2/cluster/" + HEALTHY.fsid() + "/osd_config", "{\"noout\": true}"));
        RequestAwait.complete(admin, id, Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(2))
                .until(() -> admin.get("/api/v2/event").json().get("count").asInt() == 3);
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    @Test
    void eventsAreListedNewestFirstWithCalamarisFields() {
        JsonNode results = admin.get("/api/v2/event").json().get("results");

        assertThat(results.get(0).get("message").asString())
                .isEqualTo("Succeeded: Modifying OSD config ceph (noout=true)");
        assertThat(results.get(1).get("message").asString())
                .isEqualTo("Started: Modifying OSD config ceph (noout=true)");
        assertThat(results.get(2).get("message").asString()).isEqualTo("Calamari server started");
        assertThat(results.get(2).get("severity").asString()).isEqualTo("INFO");
        assertThat(results.get(0).get("fsid").asString()).isEqualTo(HEALTHY.fsid());
        assertThat(results.get(2).get("fsid").isNull()).isTrue();
    }

    @Test
    void scopesFiltersAndPages() {
        String cluster = "/api/v2/cluster/" + HEALTHY.fsid() + "/event";
        assertThat(admin.get(cluster).json().get("count").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/v2/server/node1/event").json().get("count").asInt())
                .isZero();
        assertThat(admin.get("/api/v2/event?severity=WARNING")
                        .json()
                        .get("count")
                        .asInt())
                .isZero();
        assertThat(admin.get("/api/v2/event?search=STARTED").json().get("count").asInt())
                .isEqualTo(2);
        JsonNode page = admin.get("/api/v2/event?page=2&page_size=2").json();
        assertThat(page.get("results")).hasSize(1);
        assertThat(page.get("previous").asString()).contains("page=1");
        assertThat(admin.get("/api/v2/cluster/no-such-fsid/event").status()).isEqualTo(404);
    }

    @Test
    void badFiltersAre400() {
        ApiResponse severity = admin.get("/api/v2/event?severity=LOUD");
        assertThat(severity.status()).isEqualTo(400);
        assertThat(severity.json().get("detail").asString())
                .isEqualTo("Severity must be one of CRITICAL, ERROR, WARNING, RECOVERY, INFO");
        assertThat(admin.get("/api/v2/event?since=yesterday").json().has("since"))
                .isTrue();
        assertThat(admin.get("/api/v2/event?page=9").status()).isEqualTo(400);
        assertThat(server.anonymous().get("/api/v2/event").status()).isEqualTo(403);
    }
}
