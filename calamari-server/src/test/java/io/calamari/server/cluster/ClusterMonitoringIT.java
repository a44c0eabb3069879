package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.ceph.model.Osd;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.CephCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The server watching a real Ceph cluster (3 OSDs on 3 hosts) started by the test suite: what the
 * API shows matches what {@code ceph} reports, changes made behind the server's back show up within
 * seconds, and losing the monitor leaves the last snapshot readable, marked stale.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMonitoringIT {
    private static CephCluster ceph;
    private static CephCluster second;
    private static ClusterRegistry registry;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        second = CephCluster.start(1, 1);
        MonitorSettings settings = MonitorSettings.defaults()
                .withCommandTimeout(Duration.ofSeconds(3))
                .withMaximumBackoff(Duration.ofSeconds(2));
        registry = ClusterRegistry.start(
                List.of(
                        new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin"),
                        new CephClusterConfig(second.confFile(), Optional.of(second.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                settings);
        server = TestServer.start(registry);
        admin = server.admin();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.cluster(ceph.fsid())
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
    }

    @AfterAll
    static void stop() {
        server.close();
        registry.close();
        second.close();
    }

    @Test
    @Order(1)
    void theApiListsTheClusterAsCephReportsIt() {
        JsonNode cluster = admin.get("/api/v2/cluster/" + ceph.fsid()).json();
        assertThat(cluster.get("id").asString()).isEqualTo(ceph.fsid());
        assertThat(cluster.get("reachable").asBoolean()).isTrue();

        JsonNode cephStatus = io.calamari.protocol.Json.newMapper().readTree(ceph.ceph("status", "-f", "json"));
        JsonNode health =
                admin.get("/api/v2/cluster/" + ceph.fsid() + "/health").json();
        assertThat(health.get("status").asString())
                .isEqualTo(cephStatus.get("health").get("status").asString());
        ClusterSnapshot snapshot = registry.cluster(ceph.fsid()).orElseThrow();
        assertThat(snapshot.osdMap().orElseThrow().value().index().hostByOsd())
                .containsEntry(0, "node0")
                .containsEntry(1, "node1")
                .containsEntry(2, "node2");
        assertThat(snapshot.quorum().orElseThrow().value().quorumNames()).containsExactly("a");
        assertThat(admin.get("/api/v2/cluster/" + ceph.fsid() + "/crush_map")
                        .json()
                        .asString())
                .contains("# begin crush map", "host node0", "host node1", "host node2");
    }

    @Test
    @Order(1)
    void osdsPoolsAndCrushWeightsMatchTheCephCli() {
        var mapper = io.calamari.protocol.Json.newMapper();
        ceph.ceph("osd", "pool", "create", "itpool", "8");
        ceph.ceph("osd", "pool", "set", "itpool", "size", "3");
        JsonNode dump = mapper.readTree(ceph.ceph("osd", "dump", "-f", "json"));
        await().atMost(Duration.ofSeconds(3))
                .until(() -> registry.cluster(ceph.fsid())
                                .orElseThrow()
                                .osdMap()
                                .orElseThrow()
                                .version()
                        >= dump.get("epoch").asLong());
        String base = "/api/v2/cluster/" + ceph.fsid();

        JsonNode osds = admin.get(base + "/osd").json();
        for (JsonNode osd : dump.get("osds")) {
            JsonNode api = osds.valueStream()
                    .filter(candidate ->
                            candidate.get("id").asInt() == osd.get("osd").asInt())
                    .findFirst()
                    .orElseThrow();
            assertThat(api.get("up").asBoolean()).isEqualTo(osd.get("up").asInt() == 1);
            assertThat(api.get("in").asBoolean()).isEqualTo(osd.get("in").asInt() == 1);
        }
        JsonNode pools = admin.get(base + "/pool").json();
        for (JsonNode pool : dump.get("pools")) {
            JsonNode api = pools.valueStream()
                    .filter(candidate ->
                            candidate.get("id").asInt() == pool.get("pool").asInt())
                    .findFirst()
                    .orElseThrow();
            assertThat(api.get("name").asString())
                    .isEqualTo(pool.get("pool_name").asString());
            assertThat(api.get("size").asInt()).isEqualTo(pool.get("size").asInt());
            assertThat(api.get("pg_num").asInt()).isEqualTo(pool.get("pg_num").asInt());
        }
        assertThat(pools.valueStream().map(pool -> pool.get("name").asString())).contains("itpool");

        JsonNode crush = mapper.readTree(ceph.ceph("osd", "crush", "dump", "-f", "json"));
        JsonNode nodes = admin.get(base + "/crush_node").json();
        for (JsonNode bucket : crush.get("buckets")) {
            if (bucket.get("name").asString().contains("~")) {
                continue;
            }
            JsonNode api = nodes.valueStream()
                    .filter(candidate ->
                            candidate.get("id").asInt() == bucket.get("id").asInt())
                    .findFirst()
                    .orElseThrow();
            assertThat(api.get("weight").asDouble())
                    .isCloseTo(bucket.get("weight").asDouble() / 65536.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        ceph.ceph("osd", "pool", "rm", "itpool", "itpool", "--yes-i-really-really-mean-it");
    }

    @Test
    @Order(2)
    void anOsdMarkedOutBehindTheServersBackShowsUpWithinThreeSeconds() {
        ceph.ceph("osd", "out", "1");
        long changed = System.nanoTime();
        try {
            await().atMost(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !osd(1).in());
            System.out.printf("osd out → snapshot: %d ms%n", (System.nanoTime() - changed) / 1_000_000);
        } finally {
            ceph.ceph("osd", "in", "1");
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> osd(1).in());
    }

    @Test
    @Order(3)
    void losingTheMonitorKeepsTheLastSnapshotAndRecoversWithoutRestart() {
        ClusterSnapshot before = registry.cluster(ceph.fsid()).orElseThrow();
        ceph.stopMon();
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !registry.cluster(ceph.fsid()).orElseThrow().reachable());
            JsonNode cluster = admin.get("/api/v2/cluster/" + ceph.fsid()).json();
            assertThat(cluster.get("reachable").asBoolean()).isFalse();
            assertThat(cluster.get("error").asString()).isNotEmpty();
            ClusterSnapshot stale = registry.cluster(ceph.fsid()).orElseThrow();
            assertThat(stale.osdMap()).isEqualTo(before.osdMap());
            assertThat(admin.get("/api/v2/cluster/" + ceph.fsid() + "/health").status())
                    .as("reads are served from memory while the cluster is away")
                    .isEqualTo(200);
        } finally {
            ceph.startMon();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.cluster(ceph.fsid()).orElseThrow().reachable());
        assertThat(registry.cluster(ceph.fsid()).orElseThrow().updateTime()).isAfter(before.updateTime());
    }

    @Test
    @Order(4)
    void severalClustersAreWatchedEachIsolatedFromTheOthers() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.cluster(second.fsid())
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
        JsonNode clusters = admin.get("/api/v2/cluster").json();
        assertThat(clusters.valueStream().map(cluster -> cluster.get("id").asString()))
                .containsExactlyInAnyOrder(ceph.fsid(), second.fsid());
        assertThat(registry.cluster(second.fsid())
                        .orElseThrow()
                        .osdMap()
                        .orElseThrow()
                        .value()
                        .map()
                        .osds())
                .hasSize(1);

        second.stopMon();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !registry.cluster(second.fsid()).orElseThrow().reachable());
        java.time.Instant firstUpdated =
                registry.cluster(ceph.fsid()).orElseThrow().updateTime();
        await().atMost(Duration.ofSeconds(5))
                .alias("the first cluster keeps being polled while the second hangs")
                .until(() ->
                        registry.cluster(ceph.fsid()).orElseThrow().updateTime().isAfter(firstUpdated));
        assertThat(registry.cluster(ceph.fsid()).orElseThrow().reachable()).isTrue();
    }

    private static Osd osd(int id) {
        return registry.cluster(ceph.fsid()).orElseThrow().osdMap().orElseThrow().value().map().osds().stream()
                .filter(osd -> osd.id() == id)
                .findFirst()
                .orElseThrow();
    }
}
