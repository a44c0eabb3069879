package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.LabServer;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.testkit.CephCluster;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events from the real lab cluster, each change made with the ceph CLI: an OSD daemon stopped and
 * started (went down / came up, {@code OSD_DOWN} raised and cleared), a flag set and unset, a pool
 * created and deleted, an OSD marked out and in. Each event must reach the list and the live stream
 * within 3 s of the OSD map epoch that made the change (Ceph's own {@code modified} stamp); the
 * latencies are printed. Severity filter, pages and stream resume are checked on the same events.
 */
class EventDetectionIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The list pollers, each on a thread of its own (the common pool has one thread on 2 cores). */
    private static final ExecutorService POLLERS = Executors.newCachedThreadPool();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter CEPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ");

    private static CephCluster ceph;
    private static LabServer lab;
    private static ApiClient admin;
    private static String clusterEvents;
    private static final List<String> latencies = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        lab = LabServer.start(ceph, Duration.ofMinutes(1));
        admin = lab.server().admin();
        clusterEvents = "/api/v2/cluster/" + ceph.fsid() + "/event";
        await().atMost(WAIT)
                .until(() -> lab.registry()
                        .cluster(ceph.fsid())
                        .flatMap(ClusterSnapshot::health)
                        .isPresent());
    }

    @AfterAll
    static void stop() {
        latencies.forEach(System.out::println);
        lab.close();
    }

    @Test
    void anOsdStoppedAndStartedAgain() throws Exception {
        try (SseStream stream = admin.stream(clusterEvents + "/stream?service_type=osd&service_id=2")) {
            boolean running = false;
            try {
                change(
                        stream,
                        () -> ceph.stopOsd(2),
                        epoch -> !osd(epoch, 2).get("up").asBoolean(),
                        "osd.2 went down",
                        "WARNING",
                        "OSD ceph.2 went down (on node2)",
                        "Health check OSD_DOWN raised");
                running = true;
                change(
                        stream,
                        () -> ceph.startOsd(2),
                        epoch -> osd(epoch, 2).get("up").asBoolean(),
                        "osd.2 came up",
                        "RECOVERY",
                        "OSD ceph.2 came up (on node2)",
                        "Health check OSD_DOWN cleared");
            } finally {
                if (!running) {
                    ceph.startOsd(2);
                }
            }
        }
    }

    @Test
    void flagsPoolsAndInOut() throws Exception {
        try (SseStream stream = admin.stream(clusterEvents + "/stream")) {
            change(
                    stream,
                    () -> ceph.ceph("osd", "set", "noscrub"),
                    epoch -> dump(epoch).get("flags").asString().contains("noscrub"),
                    "flag set",
                    "WARNING",
                    "Flag noscrub set on cluster 'ceph'",
                    null);
            change(
                    stream,
                    () -> ceph.ceph("osd", "unset", "noscrub"),
                    epoch -> !dump(epoch).get("flags").asString().contains("noscrub"),
                    "flag unset",
                    "RECOVERY",
                    "Flag noscrub unset on cluster 'ceph'",
                    null);
            int id = currentPoolIdAfter();
            change(
                    stream,
                    () -> ceph.ceph("osd", "pool", "create", "event-it", "8"),
                    epoch -> pool(epoch, "event-it").isPresent(),
                    "pool created",
                    "INFO",
                    "pool ceph." + id + " added to cluster ceph",
                    null);
            change(
                    stream,
                    () -> ceph.ceph("osd", "pool", "delete", "event-it", "event-it", "--yes-i-really-really-mean-it"),
                    epoch -> pool(epoch, "event-it").isEmpty(),
                    "pool deleted",
                    "INFO",
                    "pool ceph." + id + " removed from cluster ceph",
                    null);
            change(
                    stream,
                    () -> ceph.ceph("osd", "out", "1"),
                    epoch -> osd(epoch, 1).get("in").asInt() == 0,
                    "osd.1 out",
                    "WARNING",
                    "OSD ceph.1 marked out (on node1)",
                    null);
            change(
                    stream,
                    () -> ceph.ceph("osd", "in", "1"),
                    epoch -> osd(epoch, 1).get("in").asInt() == 1,
                    "osd.1 in",
                    "RECOVERY",
                    "OSD ceph.1 marked in (on node1)",
                    null);
        }

        JsonNode warnings = admin.get(clusterEvents + "?severity=WARNING&page_size=100")
                .json()
                .get("results");
        assertThat(warnings)
                .isNotEmpty()
                .allSatisfy(
                        event -> assertThat(event.get("severity").asString()).isIn("CRITICAL", "ERROR", "WARNING"));
        assertThat(messages(warnings)).contains("OSD ceph.1 marked out (on node1)");
        assertThat(messages(warnings)).doesNotContain("OSD ceph.1 marked in (on node1)");
        String osd1 = clusterEvents + "?service_type=osd&service_id=1&page_size=1";
        JsonNode firstPage = admin.get(osd1).json();
        JsonNode secondPage = admin.get(osd1 + "&page=2").json();
        assertThat(firstPage.get("count").asInt()).isEqualTo(2);
        assertThat(firstPage.get("results").get(0).get("message").asString())
                .isEqualTo("OSD ceph.1 marked in (on node1)");
        assertThat(secondPage.get("results").get(0).get("message").asString())
                .isEqualTo("OSD ceph.1 marked out (on node1)");
        assertThat(secondPage.get("previous").asString()).contains("page=1");
    }

    @Test
    void aStreamResumesAfterItsLastEventId() throws Exception {
        String last;
        try (SseStream stream = admin.stream(clusterEvents + "/stream?search=Flag%20nodeep-scrub")) {
            ceph.ceph("osd", "set", "nodeep-scrub");
            last = stream.next(1, WAIT).get(0).id();
        }
        ceph.ceph("osd", "unset", "nodeep-scrub");
        await().atMost(WAIT)
                .until(() -> admin.get(clusterEvents + "?search=nodeep-scrub%20unset")
                                .json()
                                .get("count")
                                .asInt()
                        > 0);
        try (SseStream resumed =
                admin.stream(clusterEvents + "/stream?search=Flag%20nodeep-scrub", "Last-Event-ID", last)) {
            SseEvent missed = resumed.next(1, WAIT).get(0);
            assertThat(JSON.readTree(missed.data()).get("message").asString())
                    .isEqualTo("Flag nodeep-scrub unset on cluster 'ceph'");
            assertThat(Long.parseLong(missed.id())).isGreaterThan(Long.parseLong(last));
            assertThat(resumed.next(Duration.ofMillis(500))).isEmpty();
        }
    }

    /**
     * Makes a change with {@code command} and checks that its event reaches the live stream and the
     * list (polled every 50 ms from the moment the change is made), each within 3 s of the OSD map
     * epoch where Ceph made the change; records both latencies. With {@code healthCheck}, also waits
     * for that health-check event and records its latency.
     */
    private static void change(
            SseStream stream,
            Runnable command,
            IntPredicate changed,
            String what,
            String severity,
            String message,
            @Nullable String healthCheck)
            throws Exception {
        long newestBefore = newestId();
        CompletableFuture<Instant> listed =
                CompletableFuture.supplyAsync(() -> awaitListed(message, newestBefore), POLLERS);
        CompletableFuture<Instant> checkListed = healthCheck == null
                ? CompletableFuture.completedFuture(Instant.EPOCH)
                : CompletableFuture.supplyAsync(() -> awaitListed(healthCheck, newestBefore), POLLERS);
        command.run();
        Instant cephTime = cephChanged(changed);

        SseEvent received = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received == null && System.nanoTime() < deadline) {
            Optional<SseEvent> next = stream.next(Duration.ofSeconds(1));
            if (next.isPresent()
                    && JSON.readTree(next.get().data())
                            .get("message")
                            .asString()
                            .equals(message)) {
                received = next.get();
            }
        }
        assertThat(received).as("stream event: " + message).isNotNull();
        assertThat(JSON.readTree(received.data()).get("severity").asString()).isEqualTo(severity);
        Instant inList = listed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        report(what + " (stream)", cephTime, received.received());
        report(what + " (list)", cephTime, inList);
        assertThat(Duration.between(cephTime, received.received())).isLessThan(Duration.ofSeconds(3));
        assertThat(Duration.between(cephTime, inList)).isLessThan(Duration.ofSeconds(3));
        if (healthCheck != null) {
            Instant checkInList = checkListed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            report(healthCheck.substring("Health check ".length()) + " (list)", cephTime, checkInList);
            assertThat(Duration.between(cephTime, checkInList)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static void report(String what, Instant changed, Instant seen) {
        latencies.add(String.format(
                "event latency %-28s %5d ms after Ceph's OSD map change",
                what, Duration.between(changed, seen).toMillis()));
    }

    /** When an event newer than {@code afterId} whose message starts with {@code text} was first listed. */
    private static Instant awaitListed(String text, long afterId) {
        String query = clusterEvents + "?page_size=5&search="
                + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode results = admin.get(query).json().get("results");
                    return results.size() > 0
                            && results.get(0).get("id").asLong() > afterId
                            && results.get(0).get("message").asString().startsWith(text);
                });
        return Instant.now();
    }

    private static long newestId() {
        JsonNode results = admin.get(clusterEvents + "?page_size=1").json().get("results");
        return results.size() == 0 ? 0 : results.get(0).get("id").asLong();
    }

    /** The id Ceph gives the next pool: one more than the highest so far. */
    private static int currentPoolIdAfter() {
        return JSON.readTree(ceph.ceph("osd", "dump", "-f", "json"))
                        .get("pool_max")
                        .asInt()
                + 1;
    }

    /**
     * The time Ceph committed the first OSD map epoch for which {@code changed} holds (its
     * {@code modified} stamp), once the current epoch shows it.
     */
    private static Instant cephChanged(IntPredicate changed) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> changed.test(currentEpoch()));
        int epoch = currentEpoch();
        while (changed.test(epoch - 1)) {
            epoch--;
        }
        return OffsetDateTime.parse(dump(epoch).get("modified").asString(), CEPH_TIME)
                .toInstant();
    }

    private static int currentEpoch() {
        return JSON.readTree(ceph.ceph("osd", "dump", "-f", "json"))
                .get("epoch")
                .asInt();
    }

    private static JsonNode dump(int epoch) {
        return JSON.readTree(ceph.ceph("osd", "dump", Integer.toString(epoch), "-f", "json"));
    }

    private static JsonNode osd(int epoch, int id) {
        return find(dump(epoch).get("osds"), osd -> osd.get("osd").asInt() == id)
                .orElseThrow();
    }

    private static Optional<JsonNode> pool(int epoch, String name) {
        return find(
                dump(epoch).get("pools"),
                pool -> pool.get("pool_name").asString().equals(name));
    }

    private static Optional<JsonNode> find(JsonNode array, Predicate<JsonNode> match) {
        for (JsonNode element : array) {
            if (match.test(element)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<String> messages(JsonNode results) {
        List<String> messages = new ArrayList<>();
        results.forEach(event -> messages.add(event.get("message").asString()));
        return messages;
    }
}
