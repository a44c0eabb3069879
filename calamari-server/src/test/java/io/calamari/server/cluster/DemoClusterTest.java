package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.CalamariServer;
import io.calamari.server.config.CarbonConfig;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.ctl.CtlMain;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                Optional.of(DemoCluster.SPEC),
                CarbonConfig.disabled(),
                ServerConfig.DEFAULT_METRICS_SYNC_INTERVAL);
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

            Ctl failed = ctl("demo", "fail-host", "node1", "--data-dir", data.toString());
            assertThat(failed.exitCode()).as(failed.err()).isZero();
            assertThat(failed.out()).startsWith("node1: 8 OSDs stopped; OSD map epoch ");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(downOsds(admin, fsid)).containsExactly(8, 9, 10, 11, 12, 13, 14, 15));

            Ctl unknown = ctl("demo", "fail-host", "node99", "--data-dir", data.toString());
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.err()).contains("no host 'node99': the cluster has node0 to node23");
            Ctl badName = ctl("demo", "explode", "--data-dir", data.toString());
            assertThat(badName.exitCode()).isEqualTo(1);
            assertThat(badName.err()).contains("unknown scenario 'explode'; known: fail-osd");
        }
    }

    @Test
    void ctlDemoSaysSoWhenNoDemoServerRuns() throws Exception {
        Path data = Files.createTempDirectory("calamari-no-demo");

        Ctl result = ctl("demo", "fail-osd", "3", "--data-dir", data.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no demo server answered: start one with 'calamari server --demo");
    }

    @Test
    void ctlDemoListsTheScenarios() {
        Ctl result = ctl("demo", "--list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("fail-host HOST").contains("revive-osd OSD");
    }

    private static List<Integer> downOsds(ApiClient admin, String fsid) throws Exception {
        List<Integer> down = new ArrayList<>();
        for (JsonNode osd : admin.get("/api/v2/cluster/" + fsid + "/osd").json()) {
            if (!osd.get("up").asBoolean()) {
                down.add(osd.get("id").asInt());
            }
        }
        return down;
    }

    private record Ctl(int exitCode, String out, String err) {}

    private static Ctl ctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CtlMain.run(
                args,
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false);
        return new Ctl(exitCode, out.toString(), err.toString());
    }
}
