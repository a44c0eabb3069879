package io.calamari.server.cephconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The config resources over the recorded {@code config show} of the healthy cluster's mon. */
class CephConfigRoutesTest {
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private TestServer server;
    private ApiClient admin;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(
                healthy,
                FixtureSnapshots.withConfig(FixtureSnapshots.withFsid(healthy, "no-config-fsid"), Optional.empty())));
        admin = server.admin();
        base = "/api/v2/cluster/" + healthy.fsid();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyOptionIsListedSortedByKey() {
        JsonNode config = admin.get(base + "/config").json();
        assertThat(config).hasSize(healthy.config().orElseThrow().value().size());
        assertThat(config.get(0).propertyNames()).containsExactly("key", "value");
        assertThat(config.valueStream().map(entry -> entry.get("key").asString()))
                .isSorted()
                .contains("osd_pool_default_size", "name");
        assertThat(config.valueStream()
                        .filter(entry -> entry.get("key").asString().equals("osd_pool_default_size"))
                        .map(entry -> entry.get("value").asString()))
                .containsExactly("2");
    }

    @Test
    void oneOptionByKey() {
        JsonNode size = admin.get(base + "/config/osd_pool_default_size").json();
        assertThat(size.get("key").asString()).isEqualTo("osd_pool_default_size");
        assertThat(size.get("value").asString()).isEqualTo("2");
        assertThat(admin.get(base + "/config/name").json().get("value").asString())
                .isEqualTo("mon.a");

        ApiResponse missing = admin.get(base + "/config/no_such_option");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("detail").asString()).isEqualTo("Key 'no_such_option' not found");
    }

    @Test
    void aClusterWithoutConfigurationAnswers503() {
        ApiResponse list = admin.get("/api/v2/cluster/no-config-fsid/config");
        assertThat(list.status()).isEqualTo(503);
        assertThat(list.json().get("detail").asString()).isEqualTo("Cluster configuration unavailable");
        assertThat(admin.get("/api/v2/cluster/no-config-fsid/config/osd_pool_default_size")
                        .status())
                .isEqualTo(503);
    }
}
