package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.LabServer;
import io.calamari.testkit.CephCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A real cluster gets metric history without any agent: the server samples it into the store. */
class MetricHistoryIT {
    private static LabServer lab;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        lab = LabServer.start(CephCluster.shared(), Duration.ofMinutes(1));
        admin = lab.server().admin();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void theClustersFiguresAndOsdLatenciesAreSampled() {
        String prefix = "ceph.cluster." + lab.fsid() + ".";
        // The OSD latency sampler's first round comes 10 s after start.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode top = admin.get("/metrics/find?query=" + prefix + "*").json();
            assertThat(top)
                    .extracting(node -> node.get("text").asString())
                    .contains("df", "pool", "pg", "osd", "mon", "health");
            assertThat(admin.get("/metrics/expand?query=" + prefix + "osd.0.*")
                            .json()
                            .get("results"))
                    .extracting(JsonNode::asString)
                    .contains(prefix + "osd.0.commit_latency_ms", prefix + "osd.0.apply_latency_ms");
        });
        JsonNode space =
                admin.get("/api/v1/cluster/" + lab.fsid() + "/space").json().get("space");
        JsonNode total = admin.get("/render?format=json&from=-5min&noNullPoints&target=" + prefix + "df.total_bytes")
                .json();
        JsonNode points = total.get(0).get("datapoints");
        assertThat(points.get(points.size() - 1).get(0).asLong())
                .isEqualTo(space.get("capacity_bytes").asLong());
        JsonNode osds = admin.get("/render?format=json&from=-5min&noNullPoints&target=" + prefix + "osd.up")
                .json();
        assertThat(osds.get(0).get("datapoints").get(0).get(0).asInt()).isEqualTo(3);
    }
}
