package io.calamari.server.request;

import static io.calamari.server.request.RequestAwait.accepted;
import static io.calamari.server.request.RequestAwait.complete;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Requests when things go wrong, on a private lab cluster whose monitor the test stops: a request
 * cancelled while its command hangs, one that times out, and one interrupted by a server restart,
 * which the restarted server re-checks against the cluster and fails with a clear message.
 */
class RequestRecoveryIT {
    private static CephCluster ceph;

    @BeforeAll
    static void start() {
        ceph = CephCluster.start(1, 1);
    }

    @AfterAll
    static void stop() {
        ceph.close();
    }

    private static ClusterRegistry registry() {
        return ClusterRegistry.start(
                List.of(new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                MonitorSettings.defaults()
                        .withCommandTimeout(Duration.ofSeconds(3))
                        .withMaximumBackoff(Duration.ofSeconds(1)));
    }

    private static void awaitOsdMap(ClusterRegistry registry) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.cluster(ceph.fsid())
                        .filter(ClusterSnapshot::reachable)
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
    }

    @Test
    void cancelTimeoutAndRestartWhileTheMonitorIsDown() throws Exception {
        Path data = Files.createTempDirectory("calamari-recovery");
        String flags = "/api/v2/cluster/" + ceph.fsid() + "/osd_config";
        String interrupted;
        ClusterRegistry first = registry();
        try (TestServer server = TestServer.startOnRealClock(first, data, Duration.ofSeconds(4))) {
            ApiClient admin = server.admin();
            awaitOsdMap(first);
            ceph.stopMon();

            String cancelled = accepted(admin.patch(flags, "{\"noout\": true}"));
            JsonNode cancel =
                    admin.post("/api/v2/request/" + cancelled + "/cancel", "").json();
            assertThat(cancel.get("state").asString()).isEqualTo("complete");
            assertThat(cancel.get("error_message").asString()).isEqualTo("Cancelled");

            String timedOut = accepted(admin.patch(flags, "{\"noout\": true}"));
            JsonNode timeout = complete(admin, timedOut, Duration.ofSeconds(15));
            assertThat(timeout.get("error_message").asString()).startsWith("Timed out after 4 s (");

            interrupted = accepted(admin.patch(flags, "{\"noout\": true}"));
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> admin.get("/api/v2/request/" + interrupted)
                            .json()
                            .get("status")
                            .asString()
                            .equals("Running 'osd set'"));
        }
        first.close();
        ceph.startMon();

        ClusterRegistry second = registry();
        try (TestServer server = TestServer.startOnRealClock(second, data, Duration.ofMinutes(1))) {
            ApiClient admin = server.admin();
            JsonNode request = complete(admin, interrupted, Duration.ofSeconds(30));

            assertThat(request.get("error").asBoolean()).isTrue();
            assertThat(request.get("error_message").asString())
                    .isEqualTo("Interrupted by a server restart after 0 of 1 commands; the cluster does not show the"
                            + " change");
            assertThat(ceph.ceph("osd", "dump")).doesNotContain("noout");
            assertThat(admin.get("/api/v2/request?state=submitted")
                            .json()
                            .get("count")
                            .asInt())
                    .isZero();
            assertThat(admin.get("/api/v2/request").json().get("count").asInt()).isEqualTo(3);
        } finally {
            second.close();
        }
    }
}
