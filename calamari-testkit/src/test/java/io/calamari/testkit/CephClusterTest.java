package io.calamari.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calamari.protocol.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CephClusterTest {
    private static final JsonMapper MAPPER = Json.newMapper();

    @Test
    void sharedClusterHasThreeOsdsUpAndInOnThreeHosts() {
        CephCluster cluster = CephCluster.shared();

        assertThat(CephCluster.shared()).isSameAs(cluster);
        assertThat(cluster.confFile()).isRegularFile();
        assertThat(cluster.keyring()).isRegularFile();
        JsonNode health = MAPPER.readTree(cluster.ceph("health", "-f", "json"));
        assertThat(health.path("status").asString()).isIn("HEALTH_OK", "HEALTH_WARN");
        assertThat(MAPPER.readTree(cluster.ceph("fsid", "-f", "json"))
                        .path("fsid")
                        .asString())
                .isEqualTo(cluster.fsid());

        JsonNode tree = MAPPER.readTree(cluster.ceph("osd", "tree", "-f", "json"));
        List<String> hosts = new ArrayList<>();
        List<String> osds = new ArrayList<>();
        for (JsonNode node : tree.path("nodes")) {
            switch (node.path("type").asString()) {
                case "host" -> hosts.add(node.path("name").asString());
                case "osd" -> {
                    osds.add(node.path("name").asString());
                    assertThat(node.path("status").asString())
                            .as("status of %s", node)
                            .isEqualTo("up");
                    assertThat(node.path("reweight").asDouble())
                            .as("reweight of %s", node)
                            .isEqualTo(1.0);
                }
                default -> {}
            }
        }
        assertThat(hosts).containsExactlyInAnyOrder("node0", "node1", "node2");
        assertThat(osds).containsExactlyInAnyOrder("osd.0", "osd.1", "osd.2");
    }

    /** A private cluster: enabling the Dashboard restarts the shared cluster's manager modules. */
    @Test
    void dashboardAnswersWithItsApiWhenEnabled() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(Path.of("/usr/share/ceph/mgr/dashboard")),
                "the Ceph Dashboard is not installed (apt-get install ceph-mgr-dashboard)");
        try (CephCluster cluster = CephCluster.start(1, 1)) {
            CephCluster.Dashboard dashboard = cluster.enableDashboard();
            HttpClient client = HttpClient.newHttpClient();
            String accept = "application/vnd.ceph.api.v1.0+json";

            HttpResponse<String> login = client.send(
                    HttpRequest.newBuilder(dashboard.uri().resolve("/api/auth"))
                            .header("Accept", accept)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(
                                    Map.of("username", dashboard.username(), "password", dashboard.password()))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isIn(200, 201);
            String token = MAPPER.readTree(login.body()).path("token").asString();
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(dashboard.uri().resolve("/api/health/minimal"))
                            .header("Accept", accept)
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(MAPPER.readTree(health.body())
                            .path("health")
                            .path("status")
                            .asString())
                    .startsWith("HEALTH_");
        }
    }

    @Test
    void stoppedDaemonsStartAgain() {
        CephCluster cluster = CephCluster.shared();

        cluster.stopOsd(2);
        cluster.startOsd(2);
        assertThat(upOsds(cluster)).isEqualTo(3);

        cluster.stopMon();
        assertThatThrownBy(() -> cluster.ceph("--connect-timeout", "2", "status"))
                .isInstanceOf(IllegalStateException.class);
        cluster.startMon();
        assertThat(upOsds(cluster)).isEqualTo(3);
    }

    @Test
    void failedCommandReportsCephsError() {
        assertThatThrownBy(() -> CephCluster.shared().ceph("osd", "pool", "get", "no-such-pool", "size"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-pool");
    }

    private static int upOsds(CephCluster cluster) {
        return MAPPER.readTree(cluster.ceph("osd", "stat", "-f", "json"))
                .path("num_up_osds")
                .asInt();
    }
}
