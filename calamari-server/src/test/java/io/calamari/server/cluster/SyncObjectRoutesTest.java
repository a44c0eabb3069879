package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SyncObjectRoutesTest {
    private static final ClusterSnapshot DEGRADED = FixtureSnapshots.degraded();
    private static TestServer server;
    private static ApiClient admin;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(DEGRADED));
        admin = server.admin();
        base = "/api/v2/cluster/" + DEGRADED.fsid() + "/sync_object";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsTheTypesAndServesEachWithItsVersion() {
        assertThat(admin.get(base).json().valueStream().map(JsonNode::asString))
                .contains("osd_map", "mon_map", "mon_status", "pg_summary", "health", "config");
        for (String type : SyncObjectRoutes.TYPES) {
            assertThat(admin.get(base + "/" + type).status()).as(type).isEqualTo(200);
        }
        JsonNode osdMap = admin.get(base + "/osd_map").json();
        assertThat(osdMap.get("version").asLong())
                .isEqualTo(DEGRADED.osdMap().orElseThrow().version());
        assertThat(osdMap.get("data").get("osd_map").get("osds")).hasSize(3);
        assertThat(osdMap.get("data").has("tree")).isTrue();
        assertThat(admin.get(base + "/config")
                        .json()
                        .get("data")
                        .get("osd_pool_default_size")
                        .asString())
                .isEqualTo("2");
    }

    @Test
    void unknownTypesAre404() {
        assertThat(admin.get(base + "/nonsense").status()).isEqualTo(404);
    }
}
