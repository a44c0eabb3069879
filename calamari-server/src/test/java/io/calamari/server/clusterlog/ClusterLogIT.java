package io.calamari.server.clusterlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.rados.ClusterConnection;
import io.calamari.ceph.rados.LogSubscription;
import io.calamari.ceph.rados.RadosClient;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.LabServer;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.testkit.CephCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cluster log of the real lab cluster: a line written with the mon command {@code log} shows in
 * {@code cluster/{fsid}/log}, and the command itself in its audit channel; a stream delivers such a
 * line within two seconds (the latencies are printed, with the part the server adds to what
 * librados takes), and keeps delivering after the monitor restarted.
 */
class ClusterLogIT {
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MEASURED_LINES = 5;

    private static CephCluster ceph;
    private static LabServer lab;
    private static ApiClient admin;
    private static RadosClient writer;
    private static String log;

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        lab = LabServer.start(ceph, Duration.ofMinutes(1));
        admin = lab.server().admin();
        writer = RadosConnector.connect(ClusterConnection.admin(ceph.confFile()));
        log = "/api/v2/cluster/" + ceph.fsid() + "/log";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lab.registry()
                        .cluster(ceph.fsid())
                        .flatMap(ClusterSnapshot::health)
                        .isPresent());
    }

    @AfterAll
    static void stop() {
        writer.close();
        lab.close();
    }

    @Test
    void aLineWrittenWithTheLogCommandShowsInTheTail() {
        String marker = write("tail");

        ApiResponse tail = admin.get(log + "?lines=10");
        assertThat(tail.status()).as(tail.toString()).isEqualTo(200);
        List<String> lines = tail.json().get("lines").asString().lines().toList();
        assertThat(lines).hasSizeBetween(1, 10);
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .matches(
                                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+0000 client\\.admin \\(client\\.\\S+\\) 0"
                                        + " : cluster \\[INF\\] " + marker));
        JsonNode entry = find(tail.json().get("entries"), marker).orElseThrow();
        assertThat(entry.get("name").asString()).isEqualTo("client.admin");
        assertThat(entry.get("channel").asString()).isEqualTo("cluster");
        assertThat(entry.get("level").asString()).isEqualTo("info");

        ApiResponse audit = admin.get(log + "?lines=50&channel=audit");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        JsonNode command = find(audit.json().get("entries"), marker).orElseThrow();
        assertThat(command.get("channel").asString()).isEqualTo("audit");
        assertThat(command.get("name").asString()).isEqualTo("mon.a");
        assertThat(command.get("message").asString())
                .contains("entity='client.admin'")
                .contains("\"prefix\":\"log\"");

        assertThat(admin.get(log + "?level=warn").json().get("entries"))
                .allSatisfy(
                        warning -> assertThat(warning.get("level").asString()).isIn("warn", "error"));
    }

    /**
     * Measures, for a few lines, the time from sending the {@code log} command to the SSE event, and
     * the part of it the server adds: a librados subscription of the test's own sees each line too.
     */
    @Test
    void aStreamDeliversLinesWithinTwoSeconds() throws Exception {
        Map<String, Long> seenByLibrados = new ConcurrentHashMap<>();
        try (RadosClient observer = RadosConnector.connect(ClusterConnection.admin(ceph.confFile()));
                LogSubscription observed = observer.monitorLog(
                        ClusterLogLevel.INFO,
                        entry -> seenByLibrados.putIfAbsent(entry.message(), System.currentTimeMillis()));
                SseStream stream = admin.stream(log + "/stream")) {
            assertThat(stream.status()).isEqualTo(200);
            awaitSubscribed(stream);

            List<Long> total = new ArrayList<>();
            List<Long> added = new ArrayList<>();
            for (int line = 0; line < MEASURED_LINES; line++) {
                long sent = System.currentTimeMillis();
                String marker = write("stream");
                SseEvent event = next(stream, marker, TIMEOUT).orElseThrow();
                long received = event.received().toEpochMilli();
                total.add(received - sent);
                await().atMost(TIMEOUT).until(() -> seenByLibrados.containsKey(marker));
                added.add(received - seenByLibrados.get(marker));
                JsonNode entry = MAPPER.readTree(event.data());
                assertThat(event.event()).isEqualTo("log");
                assertThat(event.id()).isEqualTo("0");
                assertThat(entry.get("name").asString()).isEqualTo("client.admin");
            }
            System.out.printf(
                    "cluster log stream, %d lines: 'log' command sent -> SSE event received %s ms (max %d ms);"
                            + " of which after librados delivered it %s ms%n",
                    MEASURED_LINES,
                    total,
                    total.stream().mapToLong(Long::longValue).max().orElseThrow(),
                    added);
            assertThat(total).allSatisfy(latency -> assertThat(latency).isLessThan(2000));
        }
    }

    @Test
    void aStreamKeepsDeliveringAfterTheMonitorRestarted() throws Exception {
        try (SseStream stream = admin.stream(log + "/stream?channel=*&level=debug")) {
            awaitSubscribed(stream);

            ceph.stopMon();
            ceph.startMon();

            long restarted = System.currentTimeMillis();
            String marker = write("restart");
            assertThat(next(stream, marker, Duration.ofSeconds(60))).isPresent();
            System.out.printf(
                    "cluster log stream: line written after a monitor restart arrived %d ms later%n",
                    System.currentTimeMillis() - restarted);
        }
    }

    /** Writes lines until one arrives, so that the server's subscription is known to be in place. */
    private static void awaitSubscribed(SseStream stream) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (next(stream, write("warm-up"), Duration.ofMillis(500)).isPresent()) {
                return;
            }
        }
        throw new AssertionError("the stream delivered no line within 30 s");
    }

    /** The stream's next event whose data holds {@code text}, skipping others. */
    private static Optional<SseEvent> next(SseStream stream, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            Optional<SseEvent> event = stream.next(Duration.ofNanos(remaining));
            if (event.isPresent() && event.get().data().contains(text)) {
                return event;
            }
        }
    }

    /** Writes a unique line to the cluster log with the mon command {@code log}; returns it. */
    private static String write(String purpose) {
        String marker = "calamari-" + purpose + "-" + UUID.randomUUID();
        writer.monCommand(Map.of("prefix", "log", "logtext", List.of(marker)), TIMEOUT)
                .requireSuccess();
        return marker;
    }

    private static Optional<JsonNode> find(JsonNode entries, String text) {
        for (JsonNode entry : entries) {
            if (entry.get("message").asString().contains(text)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
