package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ServerProcess;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.testkit.CephCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server killed with SIGKILL while it watches the real lab cluster, then started again on the
 * same data directory: every event it had streamed is still there with the same id, an event
 * detected seconds before the kill but never looked at is there too, and nothing is stored twice.
 */
class CrashRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eventsSurviveSigkillWithoutDuplicates() throws Exception {
        CephCluster ceph = CephCluster.shared();
        Path data = Files.createTempDirectory("calamari-crash");
        String[] cluster = {
            "--ceph-conf",
            ceph.confFile().toString(),
            "--ceph-keyring",
            ceph.keyring().toString()
        };
        String events = "/api/v2/cluster/" + ceph.fsid() + "/event";

        List<SseEvent> streamed;
        ServerProcess first = ServerProcess.start(data, cluster);
        try {
            ApiClient admin = first.admin();
            awaitOsdMap(admin, ceph.fsid());
            try (SseStream stream = admin.stream(events + "/stream?search=Flag%20no")) {
                for (String flag : List.of("noscrub", "nodeep-scrub")) {
                    ceph.ceph("osd", "set", flag);
                    ceph.ceph("osd", "unset", flag);
                }
                streamed = stream.next(4, WAIT);
            }
            // A change the server detects but nobody asks it about before the kill: Ceph commits it,
            // the server polls every second, and the kill comes 3 s later.
            ceph.ceph("osd", "set", "nobackfill");
            await().atMost(WAIT)
                    .until(() -> ceph.ceph("osd", "dump", "-f", "json").contains("nobackfill"));
            Thread.sleep(3000);
        } finally {
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(data, cluster)) {
            ApiClient admin = second.admin();
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
                    .hasSize(2);
            assertThat(messageById.values().stream().filter(message -> message.contains("nobackfill")))
                    .as("no second 'set' from the first sync after the restart")
                    .allMatch(message -> message.startsWith("Flag nobackfill set") || message.contains("OSDMAP_FLAGS"))
                    .filteredOn(message -> message.startsWith("Flag"))
                    .hasSize(1);
        } finally {
            ceph.ceph("osd", "unset", "nobackfill");
        }
    }

    private static void awaitOsdMap(ApiClient admin, String fsid) {
        await().atMost(WAIT)
                .until(() -> admin.get("/api/v2/cluster/" + fsid + "/osd").status() == 200);
    }
}
