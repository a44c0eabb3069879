package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Carbon plaintext into a running server, then graphite-web's API out of it. */
class GraphiteApiTest {
    static TestServer server;
    static ClusterSnapshot cluster = FixtureSnapshots.healthy();
    static long now;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithCarbon(new FakeClusterDirectory(cluster));
        now = server.clock().instant().getEpochSecond();
        send("servers.node1.cpu.total.user 12.5 " + (now - 20) + "\n"
                + "servers.node1.cpu.total.user 13.5 " + (now - 10) + "\n"
                + "servers.node2.cpu.total.user 1 " + (now - 10) + "\n"
                + "this line is bad\n"
                + "servers.node2.cpu.total.system 2 -1\n"
                + "ceph.cluster." + cluster.fsid() + ".df.total_bytes 4200 " + (now - 10) + "\n"
                + "ceph.cluster." + cluster.fsid() + ".df.total_used_bytes 1200 " + (now - 10) + "\n"
                + "ceph.cluster." + cluster.fsid() + ".df.total_avail_bytes 3000 " + (now - 10) + "\n");
        ApiClient admin = server.admin();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> admin.get(render("servers.node2.cpu.total.system", "json"))
                        .body()
                        .contains("2.0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void send(String lines) throws IOException {
        try (Socket socket =
                        new Socket("127.0.0.1", server.server().carbonPort().orElseThrow());
                OutputStream out = socket.getOutputStream()) {
            out.write(lines.getBytes(StandardCharsets.US_ASCII));
        }
    }

    static String render(String target, String format) {
        return "/render?format=" + format + "&from=-5min&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    @Test
    void rendersWhatCarbonSent() {
        JsonNode answer = server.admin()
                .get(render("sumSeries(servers.*.cpu.total.user)", "json"))
                .json();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).get("target").asString()).isEqualTo("sumSeries(servers.*.cpu.total.user)");
        JsonNode points = answer.get(0).get("datapoints");
        // until (now) is inclusive: its slot ends the list, empty.
        assertThat(points.get(points.size() - 1).get(1).asLong()).isEqualTo(now);
        assertThat(points.get(points.size() - 1).get(0).isNull()).isTrue();
        assertThat(points.get(points.size() - 2).get(0).asDouble()).isEqualTo(14.5);
        assertThat(points.get(points.size() - 2).get(1).asLong()).isEqualTo(now - 10);
        assertThat(points.get(points.size() - 3).get(0).asDouble()).isEqualTo(12.5);

        // Calamari's UI asked /graphite/render/ for json-array.
        JsonNode array = server.admin()
                .get("/graphite"
                        + render("servers.node1.cpu.total.user", "json-array").replace("/render?", "/render/?"))
                .json();
        assertThat(array.get("targets").get(0).asString()).isEqualTo("servers.node1.cpu.total.user");
    }

    @Test
    void findsPathsAsGraphiteWebDoes() {
        JsonNode nodes = server.admin().get("/metrics/find?query=servers.*").json();
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).get("text").asString()).isEqualTo("node1");
        assertThat(nodes.get(0).get("expandable").asInt()).isEqualTo(1);
        JsonNode leaves = server.admin()
                .get("/graphite/metrics?query=servers.node2.cpu.total.*")
                .json();
        assertThat(leaves)
                .extracting(node -> node.get("id").asString())
                .containsExactly("servers.node2.cpu.total.system", "servers.node2.cpu.total.user");
        assertThat(server.admin()
                        .get("/metrics/expand?query=servers.*.cpu.total.user")
                        .json()
                        .get("results"))
                .extracting(JsonNode::asString)
                .containsExactly("servers.node1.cpu.total.user", "servers.node2.cpu.total.user");
        assertThat(server.admin().get("/version").body()).isEqualTo("1.1.10");
        assertThat(server.admin().get("/functions").json().has("aliasSub")).isTrue();
    }

    @Test
    void grafanaPostsFormsWithBasicAuthAndNoCsrfToken() {
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("admin:" + server.adminPassword()).getBytes(StandardCharsets.UTF_8));
        ApiClient grafana = server.anonymous().withHeader("Authorization", basic);
        String form = "target="
                + URLEncoder.encode(
                        "aliasSub(servers.node1.cpu.total.user, \"(^.*$)\", \"\\1 A\")", StandardCharsets.UTF_8)
                + "&from=-5min&until=now&format=json&maxDataPoints=100";
        ApiResponse answer = grafana.send("POST", "/render", form, "application/x-www-form-urlencoded");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get(0).get("target").asString()).isEqualTo("servers.node1.cpu.total.user A");
        ApiResponse found =
                grafana.send("POST", "/metrics/find", "query=servers.*", "application/x-www-form-urlencoded");
        assertThat(found.json()).hasSize(2);

        // A logged-in browser posts without the CSRF header too: these routes only read.
        assertThat(server.admin()
                        .withoutCsrfHeader()
                        .send("POST", "/render", form, "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void refusesStrangersAndBadQueries() {
        assertThat(server.anonymous()
                        .get(render("servers.*.cpu.total.user", "json"))
                        .status())
                .isEqualTo(403);
        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(server.anonymous()
                        .withHeader("Authorization", wrong)
                        .get("/metrics/find?query=*")
                        .status())
                .isEqualTo(401);
        ApiResponse bad = server.admin().get(render("sumSeries(servers.*", "json"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("sumSeries(servers.*");
        assertThat(server.admin().get("/render?target=a.b&from=-1m").status())
                .as("a bare m is not a unit")
                .isEqualTo(400);
        assertThat(server.admin().get("/metrics/find").status()).isEqualTo(400);
    }

    @Test
    void v1SpaceReadsTheStoredSeriesAsCalamariDid() {
        JsonNode space = server.admin()
                .get("/api/v1/cluster/" + cluster.fsid() + "/space")
                .json()
                .get("space");
        assertThat(space.get("capacity_bytes").asLong()).isEqualTo(4200);
        assertThat(space.get("used_bytes").asLong()).isEqualTo(1200);
        assertThat(space.get("free_bytes").asLong()).isEqualTo(3000);
    }

    @Test
    void badLinesAreCountedInMetrics() {
        String metrics = server.admin().get("/metrics").body();
        assertThat(metrics).containsPattern("calamari_carbon_invalid_lines_total\\{.*reason=\"fields\".*} 1\\.0");
        assertThat(metrics).containsPattern("calamari_tsdb_series\\{[^}]*} [1-9]");
    }
}
