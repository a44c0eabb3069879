package io.calamari.server.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.model.CrushMap;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.OsdMapPart;
import io.calamari.server.cluster.Part;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The pool and stats resources over the recorded degraded Pacific cluster. */
class PoolRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
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
    void poolsCarryCalamariFields() {
        ApiResponse response = reader.get(base + "/pool");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Calamari-Snapshot-Age")).isPresent();
        JsonNode pools = response.json();
        assertThat(pools.valueStream().map(pool -> pool.get("name").asString()))
                .containsExactly(
                        "device_health_metrics",
                        "testpool",
                        "ecpool",
                        "emptypool",
                        "extrapool",
                        "cephfs_metadata",
                        "cephfs_data");

        JsonNode testpool = pools.get(1);
        assertThat(testpool.get("id").asInt()).isEqualTo(2);
        assertThat(testpool.get("size").asInt()).isEqualTo(2);
        assertThat(testpool.get("min_size").asInt()).isEqualTo(1);
        assertThat(testpool.get("pg_num").asInt()).isEqualTo(8);
        assertThat(testpool.get("pgp_num").asInt()).isEqualTo(8);
        assertThat(testpool.get("crush_ruleset").asInt()).isZero();
        assertThat(testpool.get("crash_replay_interval").asInt()).isZero();
        assertThat(testpool.get("hashpspool").asBoolean()).isTrue();
        assertThat(testpool.get("full").asBoolean()).isFalse();
        assertThat(testpool.get("quota_max_objects").asLong()).isEqualTo(1000);
        assertThat(testpool.get("quota_max_bytes").asLong()).isEqualTo(1073741824L);
        assertThat(testpool.get("type").asString()).isEqualTo("replicated");
        assertThat(testpool.get("applications").get(0).asString()).isEqualTo("rbd");

        JsonNode ecpool = pools.get(2);
        assertThat(ecpool.get("type").asString()).isEqualTo("erasure");
        assertThat(ecpool.get("erasure_code_profile").asString()).isEqualTo("ec21");
        assertThat(ecpool.get("size").asInt()).isEqualTo(3);
        assertThat(ecpool.get("min_size").asInt()).isEqualTo(2);
        assertThat(ecpool.get("crush_ruleset").asInt()).isEqualTo(1);
        assertThat(ecpool.get("quota_max_bytes").asLong()).isZero();

        JsonNode emptypool = pools.get(3);
        assertThat(emptypool.get("crush_ruleset").asInt()).isEqualTo(2);
        assertThat(emptypool.get("flags").valueStream().map(JsonNode::asString)).contains("creating");
    }

    @Test
    void onePool() {
        JsonNode pool = reader.get(base + "/pool/3").json();
        assertThat(pool.get("name").asString()).isEqualTo("ecpool");
        assertThat(reader.get(base + "/pool/99").status()).isEqualTo(404);
        assertThat(reader.get(base + "/pool/abc").status()).isEqualTo(404);
    }

    @Test
    void defaultsResolveFromTheConfiguration() throws Exception {
        JsonNode defaults = reader.get(base + "/pool?defaults").json();
        assertThat(defaults.get("size").asInt()).isEqualTo(2);
        assertThat(defaults.get("min_size").asInt()).isEqualTo(1);
        assertThat(defaults.get("hashpspool").asBoolean()).isTrue();
        assertThat(defaults.get("crush_ruleset").asInt())
                .as("osd_pool_default_crush_rule is -1: the lowest ruleset")
                .isZero();
        assertThat(defaults.get("quota_max_bytes").asLong()).isZero();
        assertThat(defaults.get("crash_replay_interval").asInt()).isZero();
        assertThat(defaults.get("name").isNull()).isTrue();
        assertThat(defaults.get("pg_num").isNull()).isTrue();

        ClusterSnapshot configured = withConfig(Map.of(
                "osd_pool_default_size", "3",
                "osd_pool_default_min_size", "0",
                "osd_pool_default_crush_rule", "3",
                "osd_pool_default_flag_hashpspool", "false"));
        try (TestServer other = TestServer.start(new FakeClusterDirectory(configured))) {
            JsonNode resolved = other.admin().get(base + "/pool?defaults").json();
            assertThat(resolved.get("size").asInt()).isEqualTo(3);
            assertThat(resolved.get("min_size").asInt()).isZero();
            assertThat(resolved.get("crush_ruleset").asInt()).isEqualTo(3);
            assertThat(resolved.get("hashpspool").asBoolean()).isFalse();
        }

        try (TestServer other = TestServer.start(new FakeClusterDirectory(withConfig(Map.of())))) {
            ApiResponse unavailable = other.admin().get(base + "/pool?defaults");
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.json().get("detail").asString()).isEqualTo("Cluster configuration unavailable");
        }
    }

    @Test
    void clusterAndPoolStatsComeFromDf() {
        JsonNode stats = reader.get(base + "/stats").json();
        assertThat(stats.get("kb").asLong()).isEqualTo(536870912L / 1024);
        assertThat(stats.get("kb_used").asLong()).isEqualTo(316339L / 1024);
        assertThat(stats.get("kb_avail").asLong()).isEqualTo(536554573L / 1024);
        assertThat(stats.get("num_objects").asLong()).isZero();

        ApiResponse list = reader.get(base + "/pool/stats");
        assertThat(list.status()).as("pool/stats is not pool/{pool_id}").isEqualTo(200);
        assertThat(list.json()).hasSize(7);
        JsonNode testpool = list.json().get(1);
        assertThat(testpool.get("name").asString()).isEqualTo("testpool");
        assertThat(testpool.get("num_bytes").asLong()).isZero();
        assertThat(testpool.get("num_kb").asLong()).isZero();
        assertThat(testpool.get("num_objects").asLong()).isZero();
        assertThat(testpool.get("num_wr_kb").asLong()).isZero();

        JsonNode one = reader.get(base + "/pool/2/stats").json();
        assertThat(one.get("name").asString()).isEqualTo("testpool");
        assertThat(reader.get(base + "/pool/99/stats").status()).isEqualTo(404);
    }

    @Test
    void v1PoolsAndSpace() {
        String v1 = "/api/v1/cluster/" + degraded.fsid();
        JsonNode pools = reader.get(v1 + "/pool").json();
        assertThat(pools).hasSize(7);
        JsonNode testpool = reader.get(v1 + "/pool/2").json();
        assertThat(testpool.get("id").asInt()).isEqualTo(2);
        assertThat(testpool.get("pool_id").asInt()).isEqualTo(2);
        assertThat(testpool.get("cluster").asString()).isEqualTo(degraded.fsid());
        assertThat(testpool.get("name").asString()).isEqualTo("testpool");
        assertThat(testpool.get("quota_max_bytes").asLong()).isEqualTo(1073741824L);
        assertThat(testpool.get("quota_max_objects").asLong()).isEqualTo(1000);
        assertThat(testpool.get("used_objects").asLong()).isZero();
        assertThat(testpool.get("used_bytes").asLong()).isZero();
        assertThat(reader.get(v1 + "/pool/12").status()).isEqualTo(404);
    }

    @Test
    void defaultsNeedACrushRule() throws Exception {
        OsdMapPart part = degraded.osdMap().orElseThrow().value();
        CrushMap crush = part.crush();
        OsdMapPart noRules = new OsdMapPart(
                part.map(),
                part.tree(),
                new CrushMap(crush.devices(), crush.types(), crush.buckets(), List.of()),
                part.metadata(),
                part.index(),
                Optional.empty());
        ClusterSnapshot snapshot = FixtureSnapshots.withOsdMap(degraded, noRules);
        try (TestServer other = TestServer.start(new FakeClusterDirectory(snapshot))) {
            ApiResponse impossible = other.admin().get(base + "/pool?defaults");
            assertThat(impossible.status()).isEqualTo(503);
            assertThat(impossible.json().get("detail").asString())
                    .isEqualTo("No CRUSH rules exist, pool creation is impossible");
        }
    }

    @Test
    void unreachedClusterAnswers503() throws Exception {
        ClusterSnapshot unreached =
                ClusterSnapshot.unreached(degraded.fsid(), "ceph", FixtureSnapshots.FETCHED, "timed out");
        try (TestServer other = TestServer.start(new FakeClusterDirectory(unreached))) {
            ApiClient admin = other.admin();
            String v1 = "/api/v1/cluster/" + degraded.fsid();
            for (String path : List.of(
                    base + "/pool",
                    base + "/pool/1",
                    base + "/pool/stats",
                    base + "/stats",
                    base + "/osd",
                    base + "/osd_config",
                    v1 + "/pool",
                    v1 + "/osd",
                    v1 + "/health_counters",
                    v1 + "/space")) {
                ApiResponse response = admin.get(path);
                assertThat(response.status()).as(path).isEqualTo(503);
                assertThat(response.header("X-Calamari-Cluster-Reachable")).contains("false");
            }
        }
    }

    private ClusterSnapshot withConfig(Map<String, String> config) {
        return FixtureSnapshots.withConfig(
                degraded,
                config.isEmpty() ? Optional.empty() : Optional.of(new Part<>(config, 1, FixtureSnapshots.FETCHED)));
    }
}
