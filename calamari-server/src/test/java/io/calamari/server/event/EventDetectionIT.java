package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.server.cluster.ClusterRegistry;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.MonitorSettings;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.CephCluster;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Events from the real lab cluster: an OSD daemon stopped and started again produces "went down"
 * and "came up" and the {@code OSD_DOWN} health check raised and cleared, each within 3 s of Ceph
 * marking the OSD; the latencies are printed.
 */
class EventDetectionIT {
    private static CephCluster ceph;
    private static ClusterRegistry registry;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        registry = ClusterRegistry.start(
                List.of(new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                MonitorSettings.defaults());
        server = TestServer.startOnRealClock(
                registry, Files.createTempDirectory("calamari-events"), Duration.ofMinutes(1));
        admin = server.admin();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.cluster(ceph.fsid())
                        .flatMap(ClusterSnapshot::health)
                        .isPresent());
    }

    @AfterAll
    static void stop() {
        server.close();
        registry.close();
    }

    @Test
    void anOsdStoppedAndStartedAgain() {
        String events = "/api/v2/cluster/" + ceph.fsid() + "/event?service_type=osd&service_id=2";
        ceph.stopOsd(2);
        try {
            long down = awaitOsd(false);
            long wentDown = awaitEvent(events + "&search=went%20down", "WARNING", "OSD ceph.2 went down (on node2)");
            long raised =
                    awaitEvent("/api/v2/cluster/" + ceph.fsid() + "/event?search=OSD_DOWN%20raised", "WARNING", null);
            System.out.printf("osd.2 down → event %d ms, OSD_DOWN raised %d ms%n", wentDown - down, raised - down);
            assertThat(wentDown - down).isLessThan(3000);
            assertThat(raised - down).isLessThan(3000);
        } finally {
            ceph.startOsd(2);
        }
        long up = awaitOsd(true);
        long cameUp = awaitEvent(events + "&search=came%20up", "RECOVERY", "OSD ceph.2 came up (on node2)");
        long cleared =
                awaitEvent("/api/v2/cluster/" + ceph.fsid() + "/event?search=OSD_DOWN%20cleared", "RECOVERY", null);
        System.out.printf("osd.2 up → event %d ms, OSD_DOWN cleared %d ms%n", cameUp - up, cleared - up);
        assertThat(cameUp - up).isLessThan(3000);
    }

    /** When Ceph's OSD map shows osd.2 up (or down), in ms since the epoch. */
    private static long awaitOsd(boolean up) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        ceph.ceph("osd", "dump", "-f", "json").replace(" ", "").contains("{\"osd\":2,\"uuid\":\"")
                                && osdUp(up));
        return System.currentTimeMillis();
    }

    private static boolean osdUp(boolean up) {
        String dump = ceph.ceph("osd", "dump", "-f", "json").replace(" ", "").replace("\n", "");
        int osd = dump.indexOf("{\"osd\":2,");
        return dump.substring(osd, osd + 200).contains("\"up\":" + (up ? 1 : 0) + ",");
    }

    /** When the event appeared in the API, in ms since the epoch. */
    private static long awaitEvent(String query, String severity, String message) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode results = admin.get(query).json().get("results");
                    return results.size() > 0
                            && results.get(0).get("severity").asString().equals(severity)
                            && (message == null
                                    || results.get(0).get("message").asString().equals(message));
                });
        return System.currentTimeMillis();
    }
}
