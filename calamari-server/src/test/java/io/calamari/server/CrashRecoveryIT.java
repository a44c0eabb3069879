package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.ServerProcess;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.testkit.CephCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server killed with SIGKILL while it watches the real lab cluster, then started again on the
 * same data directory, first with the cluster out of reach and then with it back: every event it
 * had streamed is still there with the same id, an event detected seconds before the kill but never
 * looked at is there too, nothing is stored twice, and while the cluster cannot be reached the API
 * serves the last snapshot stored before the kill, marked stale.
 */
class CrashRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eventsSurviveSigkillWithoutDuplicates() throws Exception {
        CephCluster ceph = CephCluster.shared();
        Path data = Files.createTempDirectory("calamari-crash");
        Path conf = Files.createTempDirectory("calamari-crash-conf").resolve("ceph.conf");
        String reachable = Files.readString(ceph.confFile(), StandardCharsets.UTF_8);
        Files.writeString(conf, reachable, StandardCharsets.UTF_8);
        String[] cluster = {
            "--ceph-conf", conf.toString(), "--ceph-keyring", ceph.keyring().toString()
        };
        String events = "/api/v2/cluster/" + ceph.fsid() + "/event";
        String osds = "/api/v2/cluster/" + ceph.fsid() + "/osd";
        JsonNode osdsBeforeKill;

        List<SseEvent> streamed = new ArrayList<>();
        ServerProcess first = ServerProcess.start(data, cluster);
        try {
            ApiClient admin = first.admin();
            awaitOsdMap(admin, ceph.fsid());
            try (SseStream stream = admin.stream(events + "/stream?search=Flag%20no")) {
                // Each change waits for its event: the server polls every second, so a flag set and
                // cleared again between two polls would leave no trace to detect.
                for (String flag : List.of("noscrub", "nodeep-scrub")) {
                    ceph.ceph("osd", "set", flag);
                    streamed.addAll(stream.next(1, WAIT));
                    ceph.ceph("osd", "unset", flag);
                    streamed.addAll(stream.next(1, WAIT));
                }
            }
            // A change the server detects but nobody asks it about before the kill: Ceph commits it,
            // the server polls every second, and the kill comes 3 s later.
            ceph.ceph("osd", "set", "nobackfill");
            await().atMost(WAIT)
                    .until(() -> ceph.ceph("osd", "dump", "-f", "json").contains("nobackfill"));
            Thread.sleep(3000);
            osdsBeforeKill = admin.get(osds).json();
        } finally {
            first.kill();
        }

        // Restarted while the cluster cannot be reached: the last stored snapshot, marked stale.
        Files.writeString(conf, reachable.replaceAll("(?m)^mon host = .*$", "mon host = v2:127.0.0.1:" + closedPort()));
        try (ServerProcess unreachable = ServerProcess.start(data, cluster)) {
            ApiClient admin = unreachable.admin();
            ApiResponse served = admin.get(osds);
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.header("X-Calamari-Snapshot-Stale")).hasValue("true");
            assertThat(served.json()).isEqualTo(osdsBeforeKill);
            assertThat(admin.get("/api/v2/cluster/" + ceph.fsid())
                            .json()
                            .get("stale")
                            .asBoolean())
                    .isTrue();
        }

        Files.writeString(conf, reachable, StandardCharsets.UTF_8);
        try (ServerProcess second = ServerProcess.start(data, cluster)) {
            ApiClient admin = second.admin();
            await().atMost(WAIT)
                    .until(() ->
                            admin.get(osds).header("X-Calamari-Snapshot-Stale").equals(Optional.of("false")));
            JsonNode stored = admin.get("/api/v2/event?page_size=1000").json().get("results");
            Map<String, String> messageById = new HashMap<>();
            List<String> whenAndMessage = new ArrayList<>();
            stored.forEach(event -> {
                messageById.put(event.get("id").asString(), event.get("message").asString());
                whenAndMessage.add(event.get("when").asString() + " "
                        + event.get("message").asString());
            });
            for (SseEvent event : streamed) {
                assertThat(messageById.get(event.id()))
                        .as("streamed event %s", event.id())
                        .isEqualTo(JSON.readTree(event.data()).get("message").asString());
            }
            assertThat(messageById.values()).contains("Flag nobackfill set on cluster 'ceph'");
            assertThat(whenAndMessage).doesNotHaveDuplicates();
            assertThat(messageById.values().stream().filter(message -> message.equals("Calamari server started")))
                    .hasSize(3);
            assertThat(messageById.values().stream().filter(message -> message.contains("nobackfill")))
                    .as("no second 'set' from the first sync after the restart")
                    .allMatch(message -> message.startsWith("Flag nobackfill set") || message.contains("OSDMAP_FLAGS"))
                    .filteredOn(message -> message.startsWith("Flag"))
                    .hasSize(1);
        } finally {
            ceph.ceph("osd", "unset", "nobackfill");
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitOsdMap(ApiClient admin, String fsid) {
        await().atMost(WAIT)
                .until(() -> admin.get("/api/v2/cluster/" + fsid + "/osd").status() == 200);
    }
}
