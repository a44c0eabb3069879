package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.protocol.Json;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.CephCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A server restarted while its cluster is unreachable serves the snapshot it stored, marked stale,
 * from its first answer on, and drops the marker once the cluster answers again. The cluster is the
 * shared lab cluster, reached through a copy of its ceph.conf whose {@code mon host} the test points
 * at a closed port and back. Prints how long storing the lab cluster's whole snapshot takes.
 */
class SnapshotRestartIT {
    private static final MonitorSettings SETTINGS = MonitorSettings.defaults()
            .withCommandTimeout(Duration.ofSeconds(3))
            .withMaximumBackoff(Duration.ofSeconds(1));

    private final CephCluster ceph = CephCluster.shared();

    @Test
    void aRestartedServerServesTheStoredSnapshotAsStaleUntilTheClusterAnswers() throws Exception {
        Path data = Files.createTempDirectory("calamari-snapshot-restart");
        Path conf = Files.createTempDirectory("calamari-snapshot-conf").resolve("ceph.conf");
        String original = Files.readString(ceph.confFile(), StandardCharsets.UTF_8);
        Files.writeString(conf, original, StandardCharsets.UTF_8);
        String cluster = "/api/v2/cluster/" + ceph.fsid();

        JsonNode osdsBefore;
        JsonNode poolsBefore;
        JsonNode healthBefore;
        try (TestServer server = TestServer.startOnRealClock(registry(conf), data, Duration.ofMinutes(1))) {
            ApiClient admin = server.admin();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.get(cluster + "/osd").status() == 200);
            measureStoringTheWholeSnapshot(admin, data);
            osdsBefore = admin.get(cluster + "/osd").json();
            poolsBefore = admin.get(cluster + "/pool").json();
            healthBefore = admin.get(cluster + "/health").json();
        }

        Files.writeString(conf, original.replaceAll("(?m)^mon host = .*$", "mon host = v2:127.0.0.1:" + closedPort()));
        long restarted = System.nanoTime();
        try (TestServer server = TestServer.startOnRealClock(registry(conf), data, Duration.ofMinutes(1))) {
            ApiClient admin = server.admin();
            ApiResponse osds = admin.get(cluster + "/osd");
            System.out.printf(
                    "restarted server: stored OSD list answered %d ms after the start (start-up and login"
                            + " included)%n",
                    Duration.ofNanos(System.nanoTime() - restarted).toMillis());

            assertThat(osds.status()).isEqualTo(200);
            assertThat(osds.header("X-Calamari-Snapshot-Stale")).contains("true");
            assertThat(osds.header("X-Calamari-Cluster-Reachable")).contains("false");
            assertThat(osds.json()).isEqualTo(osdsBefore);
            ApiResponse pools = admin.get(cluster + "/pool");
            assertThat(pools.status()).isEqualTo(200);
            assertThat(pools.header("X-Calamari-Snapshot-Stale")).contains("true");
            assertThat(pools.json()).isEqualTo(poolsBefore);
            ApiResponse health = admin.get(cluster + "/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status")).isEqualTo(healthBefore.get("status"));
            JsonNode stale = admin.get(cluster).json();
            assertThat(stale.get("stale").asBoolean()).isTrue();
            assertThat(stale.get("reachable").asBoolean()).isFalse();
            assertThat(instant(stale.get("update_time")))
                    .as("stored to the millisecond")
                    .isAfterOrEqualTo(instant(healthBefore.get("update_time")).truncatedTo(ChronoUnit.MILLIS));

            Files.writeString(conf, original, StandardCharsets.UTF_8);
            long reachable = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !admin.get(cluster).json().get("stale").asBoolean());
            System.out.printf(
                    "stale marker cleared %d ms after ceph.conf pointed at the cluster again (reconnection"
                            + " back-off up to 1 s included)%n",
                    Duration.ofNanos(System.nanoTime() - reachable).toMillis());
            JsonNode fresh = admin.get(cluster).json();
            assertThat(fresh.get("reachable").asBoolean()).isTrue();
            assertThat(instant(fresh.get("update_time"))).isAfter(instant(stale.get("update_time")));
            assertThat(admin.get(cluster + "/osd").header("X-Calamari-Snapshot-Stale"))
                    .contains("false");
        }
    }

    private ClusterRegistry registry(Path conf) {
        return ClusterRegistry.create(
                List.of(new CephClusterConfig(conf, Optional.of(ceph.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                SETTINGS);
    }

    /**
     * Waits until the running server has stored the cluster (its writer runs every few seconds),
     * then times storing the same whole snapshot again in a database of its own.
     */
    private void measureStoringTheWholeSnapshot(ApiClient admin, Path data) throws IOException {
        SnapshotCodec codec = new SnapshotCodec(Json.newMapper());
        try (Database served = Database.open(DatabaseConfig.sqliteIn(data), new SimpleMeterRegistry())) {
            SnapshotStore store = new SnapshotStore(served.jdbi());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.load(ceph.fsid())
                            .map(stored -> stored.parts().containsKey(SnapshotCodec.OSD_MAP))
                            .orElse(false));
            ClusterSnapshot snapshot =
                    codec.decode(store.load(ceph.fsid()).orElseThrow()).orElseThrow();
            assertThat(snapshot.osdMap().orElseThrow().value().map().osds()).hasSize(ceph.osdCount());

            try (Database measured = Database.open(
                    DatabaseConfig.sqliteIn(Files.createTempDirectory("calamari-snapshot-measure")),
                    new SimpleMeterRegistry())) {
                measured.migrate();
                List<Double> millis = new ArrayList<>();
                long bytes = 0;
                for (int round = 0; round < 5; round++) {
                    SnapshotWriter writer = new SnapshotWriter(
                            new SnapshotStore(measured.jdbi()), codec, Duration.ofHours(1), Clock.systemUTC());
                    writer.published(Optional.empty(), snapshot);
                    SnapshotWriter.Write write = writer.writePending().get(0);
                    millis.add(write.took().toNanos() / 1e6);
                    bytes = write.bytes();
                }
                System.out.printf(
                        "lab cluster (%d OSDs): whole snapshot stored in %.1f ms (first of 5 writes), %.1f ms (fifth);"
                                + " %d bytes of compressed parts%n",
                        ceph.osdCount(), millis.get(0), millis.get(4), bytes);
            }
        }
        assertThat(admin.get("/api/v2/cluster/" + ceph.fsid())
                        .json()
                        .get("stale")
                        .asBoolean())
                .isFalse();
    }

    private static Instant instant(JsonNode apiTime) {
        return OffsetDateTime.parse(apiTime.asString()).toInstant();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
