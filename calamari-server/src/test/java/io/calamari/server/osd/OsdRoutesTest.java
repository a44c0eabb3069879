package io.calamari.server.osd;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OSD resources over the recorded degraded and healthy Pacific clusters. */
class OsdRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private TestServer server;
    private ApiClient reader;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(degraded));
        reader = server.userWithRole("reader", "readonly");
        base = "/api/v2/cluster/" + degraded.fsid();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void osdsCarryCalamariFieldsFromTheRecordedCluster() {
        ApiResponse response = reader.get(base + "/osd");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Calamari-Cluster-Reachable")).contains("true");
        JsonNode osds = response.json();
        assertThat(osds).hasSize(3);
        assertThat(osds.valueStream().map(osd -> osd.get("id").asInt())).containsExactly(0, 1, 2);

        JsonNode out = osds.get(1);
        assertThat(out.get("up").asBoolean()).isTrue();
        assertThat(out.get("in").asBoolean()).isFalse();
        assertThat(out.get("reweight").asDouble()).isEqualTo(0.0);
        assertThat(out.get("server").asString()).isEqualTo("node1");
        assertThat(ints(out.get("pools"))).containsExactly(1, 2, 3, 6, 7);
        assertThat(strings(out.get("valid_commands"))).containsExactly("scrub", "deep_scrub", "repair");
        assertThat(out.get("public_addr").asString()).isEqualTo("127.0.0.1:6809/10290");
        assertThat(out.get("crush_node_ancestry").get(0).get(0).asInt()).isEqualTo(-5);
        assertThat(out.get("osd_data").asString()).isEqualTo("/var/lib/ceph-lab/osd.1");
        assertThat(out.get("osd_journal").isNull()).isTrue();
        assertThat(out.get("backend_partition_path").isNull()).isTrue();
        assertThat(out.get("backend_device_node").isNull()).isTrue();
        assertThat(out.get("uuid").asString()).isNotEmpty();
        assertThat(out.get("cluster_addr").asString()).isNotEmpty();

        JsonNode first = osds.get(0);
        assertThat(first.get("reweight").asDouble()).isEqualTo(1.0);
        assertThat(first.get("server").asString()).isEqualTo("node0");
        assertThat(ints(first.get("pools")))
                .as("node0 is also under the extra root")
                .containsExactly(1, 2, 3, 5, 6, 7);
        assertThat(first.get("crush_node_ancestry")).hasSize(2);
    }

    @Test
    void oneOsdAndUnknownOnes() {
        JsonNode osd = reader.get(base + "/osd/2").json();
        assertThat(osd.get("id").asInt()).isEqualTo(2);
        assertThat(osd.get("server").asString()).isEqualTo("node2");
        assertThat(reader.get(base + "/osd/99").status()).isEqualTo(404);
        assertThat(reader.get(base + "/osd/abc").status()).isEqualTo(404);
        assertThat(reader.get("/api/v2/cluster/no-such-fsid/osd").status()).isEqualTo(404);
    }

    @Test
    void filtersByPoolAndIds() {
        assertThat(ids(reader.get(base + "/osd?pool=5").json())).containsExactly(0);
        assertThat(ids(reader.get(base + "/osd?pool=4").json()))
                .as("the pool on emptyrule has no OSDs")
                .isEmpty();
        assertThat(ids(reader.get(base + "/osd?pool=2").json())).containsExactly(0, 1, 2);

        ApiResponse notInteger = reader.get(base + "/osd?pool=two");
        assertThat(notInteger.status()).isEqualTo(400);
        assertThat(notInteger.json().get("detail").asString()).isEqualTo("Pool ID must be an integer");
        assertThat(reader.get(base + "/osd?pool=42").status()).isEqualTo(404);

        assertThat(ids(reader.get(base + "/osd?id__in[]=0&id__in[]=2").json())).containsExactly(0, 2);
        assertThat(ids(reader.get(base + "/osd?id__in%5B%5D=1").json())).containsExactly(1);
        assertThat(ids(reader.get(base + "/osd?pool=5&id__in[]=1").json())).isEmpty();
        ApiResponse badId = reader.get(base + "/osd?id__in[]=0&id__in[]=x");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("detail").asString()).isEqualTo("Invalid OSD ID in list");
    }

    @Test
    void pagesWhenAsked() {
        JsonNode first = reader.get(base + "/osd?page_size=2").json();
        assertThat(first.get("count").asInt()).isEqualTo(3);
        assertThat(ids(first.get("results"))).containsExactly(0, 1);
        assertThat(first.get("previous").isNull()).isTrue();
        String next = first.get("next").asString();
        assertThat(next)
                .startsWith(server.uri() + base + "/osd?")
                .contains("page_size=2")
                .contains("page=2");

        JsonNode second =
                reader.get(next.substring(server.uri().toString().length())).json();
        assertThat(ids(second.get("results"))).containsExactly(2);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(second.get("previous").asString()).contains("page=1").contains("page_size=2");

        JsonNode defaultSize = reader.get(base + "/osd?page=1").json();
        assertThat(defaultSize.get("results")).hasSize(3);
        assertThat(defaultSize.get("next").isNull()).isTrue();

        JsonNode filtered = reader.get(base + "/osd?pool=5&page=1").json();
        assertThat(filtered.get("count").asInt()).isEqualTo(1);

        assertThat(reader.get(base + "/osd?page=3&page_size=2").status()).isEqualTo(400);
        assertThat(reader.get(base + "/osd?page=0").status()).isEqualTo(400);
        assertThat(reader.get(base + "/osd?page=x").status()).isEqualTo(400);
        assertThat(reader.get(base + "/osd?page_size=0").status()).isEqualTo(400);
    }

    @Test
    void commands() {
        assertThat(strings(reader.get(base + "/osd/command").json())).containsExactly("scrub", "deep_scrub", "repair");
        JsonNode valid = reader.get(base + "/osd/1/command").json();
        assertThat(strings(valid.get("1").get("valid_commands"))).containsExactly("scrub", "deep_scrub", "repair");
        assertThat(reader.get(base + "/osd/1/command/deep_scrub")
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
        assertThat(reader.get(base + "/osd/1/command/explode").status()).isEqualTo(404);
        assertThat(reader.get(base + "/osd/9/command").status()).isEqualTo(404);
        assertThat(reader.get(base + "/osd/9/command/scrub").status()).isEqualTo(404);
    }

    @Test
    void osdConfigShowsTheNineFlags() throws Exception {
        JsonNode flags = reader.get(base + "/osd_config").json();
        assertThat(iterator(flags))
                .containsExactly(
                        "pause",
                        "noup",
                        "nodown",
                        "noout",
                        "noin",
                        "nobackfill",
                        "norecover",
                        "noscrub",
                        "nodeep-scrub");
        assertThat(flags.get("pause").asBoolean()).isTrue();
        assertThat(flags.get("noout").asBoolean()).isTrue();
        assertThat(flags.get("noup").asBoolean()).isFalse();

        try (TestServer healthyServer = TestServer.start(new FakeClusterDirectory(healthy))) {
            JsonNode healthyFlags = healthyServer
                    .admin()
                    .get("/api/v2/cluster/" + healthy.fsid() + "/osd_config")
                    .json();
            assertThat(healthyFlags.valueStream().map(JsonNode::asBoolean)).containsOnly(false);
        }
    }

    @Test
    void v1OsdListCountsPgStatesPerOsd() {
        JsonNode body =
                reader.get("/api/v1/cluster/" + degraded.fsid() + "/osd").json();
        JsonNode osds = body.get("osds");
        assertThat(osds).hasSize(3);
        JsonNode first = osds.get(0);
        assertThat(first.get("id").asInt()).isZero();
        assertThat(first.get("osd").asInt()).isZero();
        assertThat(first.get("up").asInt()).isEqualTo(1);
        assertThat(first.get("host").asString()).isEqualTo("node0");
        assertThat(first.get("fqdn").asString()).isEqualTo("node0");
        assertThat(first.get("pg_states").get("active").asLong()).isEqualTo(19);
        assertThat(first.get("pg_states").get("clean").asLong()).isEqualTo(17);
        assertThat(first.get("pg_states").get("remapped").asLong()).isEqualTo(4);
        assertThat(first.get("pg_states").get("undersized").asLong()).isEqualTo(2);
        assertThat(strings(first.get("pools"))).contains("testpool", "extrapool", "ecpool");
        assertThat(osds.get(1).get("in").asInt()).isZero();
        assertThat(osds.get(1).get("pg_states").get("remapped").asLong()).isEqualTo(4);

        JsonNode counts = body.get("pg_state_counts");
        assertThat(counts.get("active").asInt()).isEqualTo(3);
        assertThat(counts.get("undersized").asInt()).isEqualTo(1);

        JsonNode undersized = reader.get("/api/v1/cluster/" + degraded.fsid() + "/osd?pg_states=undersized")
                .json();
        assertThat(ids(undersized.get("osds"))).containsExactly(0);
        JsonNode either = reader.get("/api/v1/cluster/" + degraded.fsid() + "/osd?pg_states=undersized,remapped")
                .json();
        assertThat(ids(either.get("osds"))).containsExactly(0, 1, 2);
    }

    @Test
    void v1OsdIsTheOsdDumpEntry() {
        JsonNode osd = reader.get("/api/v1/cluster/" + degraded.fsid() + "/osd/1")
                .json()
                .get("osd");
        assertThat(osd.get("osd").asInt()).isEqualTo(1);
        assertThat(osd.get("up").asInt()).isEqualTo(1);
        assertThat(osd.get("in").asInt()).isZero();
        assertThat(osd.get("weight").asDouble()).isZero();
        assertThat(osd.get("public_addr").asString()).isEqualTo("127.0.0.1:6809/10290");
        assertThat(osd.get("state")).isNotEmpty();
        assertThat(reader.get("/api/v1/cluster/" + degraded.fsid() + "/osd/7").status())
                .isEqualTo(404);
    }

    @Test
    void readonlyUsersMayReadButAnonymousMayNot() {
        ApiResponse response = reader.get(base + "/osd");
        assertThat(response.header("Allow")).contains("GET, HEAD, OPTIONS");
        assertThat(server.anonymous().get(base + "/osd").status()).isEqualTo(403);
        assertThat(server.anonymous().get(base + "/osd_config").status()).isEqualTo(403);
    }

    private static List<Integer> ids(JsonNode osds) {
        return osds.valueStream().map(osd -> osd.get("id").asInt()).toList();
    }

    private static List<Integer> ints(JsonNode array) {
        return array.valueStream().map(JsonNode::asInt).toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> iterator(JsonNode object) {
        return List.copyOf(object.propertyNames());
    }
}
