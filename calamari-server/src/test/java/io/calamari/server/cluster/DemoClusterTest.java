package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.CalamariServer;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code calamari server --demo}: the simulated cluster is monitored like a real one and served by the API. */
class DemoClusterTest {
    @Test
    void theDemoServerShowsTheSimulatedCluster() throws Exception {
        Path data = Files.createTempDirectory("calamari-demo");
        ServerConfig config = new ServerConfig(
                data,
                "127.0.0.1",
                0,
                ServerConfig.defaults(data, 0).database(),
                List.of(),
                Duration.ofHours(1),
                ServerConfig.DEFAULT_REQUEST_TIMEOUT,
                ServerConfig.defaults(data, 0).retention(),
                true);
        try (CalamariServer server = CalamariServer.start(config, Clock.systemUTC())) {
            assertThat(server.awaitReady(Duration.ofSeconds(60))).isTrue();
            String password =
                    Files.readString(data.resolve("initial-admin-password")).trim();
            ApiClient admin = new ApiClient(java.net.URI.create("http://127.0.0.1:" + server.port()))
                    .login(TestServer.ADMIN, password);

            JsonNode clusters = admin.get("/api/v2/cluster").json();
            assertThat(clusters).hasSize(1);
            String fsid = clusters.get(0).get("id").asString();
            assertThat(Files.readString(data.resolve("demo/ceph.conf"))).contains("fsid = " + fsid);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.get("/api/v2/cluster/" + fsid + "/osd").status() == 200);
            assertThat(admin.get("/api/v2/cluster/" + fsid + "/osd").json()).hasSize(DemoCluster.SPEC.osds());
            assertThat(admin.get("/api/v2/cluster/" + fsid + "/pool").json()).hasSize(DemoCluster.SPEC.pools());
            assertThat(admin.get("/api/v2/cluster/" + fsid + "/server").json())
                    .hasSizeGreaterThanOrEqualTo(DemoCluster.SPEC.hosts());
        }
    }
}
