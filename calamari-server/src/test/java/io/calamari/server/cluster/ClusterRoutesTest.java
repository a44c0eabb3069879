package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The cluster resources over snapshots built from recorded Ceph output. */
class ClusterRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private final FakeClusterDirectory clusters = new FakeClusterDirectory(degraded);
    private TestServer server;
    private ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(clusters);
        admin = server.admin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void clustersAreListedWithCalamariFieldsAndTheirAge() {
        server.clock().advance(Duration.ofSeconds(5));
        JsonNode clusters = admin.get("/api/v2/cluster").json();

        assertThat(clusters).hasSize(1);
        JsonNode cluster = clusters.get(0);
        assertThat(cluster.get("id").asString()).isEqualTo(degraded.fsid());
        assertThat(cluster.get("name").asString()).isEqualTo("ceph");
        assertThat(cluster.get("update_time").asString()).isEqualTo("2026-01-01T00:00:00.000000+00:00");
        assertThat(cluster.get("reachable").asBoolean()).isTrue();
        assertThat(cluster.get("snapshot_age").asLong()).isGreaterThanOrEqualTo(5);

        ApiResponse one = admin.get("/api/v2/cluster/" + degraded.fsid());
        assertThat(one.json().get("id").asString()).isEqualTo(degraded.fsid());
        assertThat(one.header("X-Calamari-Cluster-Reachable")).contains("true");
        assertThat(one.header("X-Calamari-Snapshot-Age")).isPresent();
        assertThat(one.header("X-Calamari-Snapshot-Stale")).contains("false");
        assertThat(cluster.get("stale").asBoolean()).isFalse();
        assertThat(admin.get("/api/v2/cluster/no-such-fsid").status()).isEqualTo(404);
    }

    @Test
    void aSnapshotRestoredAtStartIsServedAsStaleUntilTheClusterAnswers() {
        clusters.put(degraded.asRestored("not contacted yet since the server started"));
        String cluster = "/api/v2/cluster/" + degraded.fsid();

        JsonNode listed = admin.get("/api/v2/cluster").json().get(0);
        assertThat(listed.get("stale").asBoolean()).isTrue();
        assertThat(listed.get("reachable").asBoolean()).isFalse();
        assertThat(listed.get("error").asString()).isEqualTo("not contacted yet since the server started");
        for (String path : new String[] {cluster, cluster + "/osd", cluster + "/pool", cluster + "/health"}) {
            ApiResponse response = admin.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("X-Calamari-Snapshot-Stale")).as(path).contains("true");
            assertThat(response.header("X-Calamari-Cluster-Reachable")).as(path).contains("false");
        }

        clusters.put(degraded);
        assertThat(admin.get(cluster).json().get("stale").asBoolean()).isFalse();
        assertThat(admin.get(cluster + "/osd").header("X-Calamari-Snapshot-Stale"))
                .contains("false");
    }

    @Test
    void v1ClustersCarryUnixMilliseconds() {
        JsonNode cluster = admin.get("/api/v1/cluster/" + degraded.fsid()).json();
        assertThat(cluster.get("cluster_update_time_unix").asLong()).isEqualTo(FixtureSnapshots.FETCHED.toEpochMilli());
    }

    @Test
    void healthIsStructuredMostSevereFirstAndRawInV1() {
        JsonNode health =
                admin.get("/api/v2/cluster/" + degraded.fsid() + "/health").json();
        assertThat(health.get("status").asString()).isEqualTo("HEALTH_ERR");
        JsonNode checks = health.get("checks");
        assertThat(checks.get(0).get("severity").asString()).isEqualTo("HEALTH_ERR");
        assertThat(checks.valueStream().map(check -> check.get("code").asString()))
                .contains("OSDMAP_FLAGS");

        JsonNode v1 =
                admin.get("/api/v1/cluster/" + degraded.fsid() + "/health").json();
        assertThat(v1.get("report").get("status").asString()).isEqualTo("HEALTH_ERR");
        assertThat(v1.get("report").get("checks").has("OSDMAP_FLAGS")).isTrue();
    }

    @Test
    void forgettingAClusterNeedsWriteAccess() {
        ApiClient reader = server.userWithRole("reader", "readonly");
        assertThat(reader.delete("/api/v2/cluster/" + degraded.fsid()).status()).isEqualTo(403);
        assertThat(admin.delete("/api/v2/cluster/" + degraded.fsid()).status()).isEqualTo(204);
        assertThat(admin.get("/api/v2/cluster").json()).isEmpty();
        assertThat(admin.delete("/api/v2/cluster/" + degraded.fsid()).status()).isEqualTo(404);
    }
}
