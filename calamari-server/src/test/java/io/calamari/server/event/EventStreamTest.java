package io.calamari.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live event streams over a real server: events arrive as stored, with the list's ids and
 * fields; a stream resumes after a Last-Event-ID without losing or repeating events; filters apply;
 * bad requests are refused before the stream opens.
 */
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private FakeClusterDirectory clusters;
    private TestServer server;
    private ApiClient admin;

    @BeforeEach
    void setUp() throws Exception {
        clusters = new FakeClusterDirectory(healthy);
        server = TestServer.start(clusters);
        admin = server.admin();
        // The watcher sees the first snapshot (no events), so the next ones are diffs.
        clusters.put(healthy);
        await().atMost(WAIT).until(() -> count("/api/v2/event") == 1);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void sendsNewEventsAsTheListShowsThem() throws Exception {
        try (SseStream stream = admin.stream("/api/v2/event/stream")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            setFlag("noout");

            SseEvent received = stream.next(1, WAIT).get(0);
            JsonNode listed = admin.get("/api/v2/event").json().get("results").get(0);
            assertThat(received.event()).isEqualTo("event");
            assertThat(received.id()).isEqualTo(listed.get("id").asString());
            assertThat(JSON.readTree(received.data())).isEqualTo(listed);
            assertThat(listed.get("message").asString()).contains("noout");
        }
    }

    @Test
    void resumesAfterTheLastEventIdWithoutLossOrRepeats() throws Exception {
        String lastSeen;
        try (SseStream stream = admin.stream("/api/v2/event/stream")) {
            setFlag("noout");
            lastSeen = stream.next(1, WAIT).get(0).id();
        }
        // While nobody listens: five more events (two flags set, three cleared).
        setFlag("noscrub");
        setFlag("nodeep-scrub");
        clearFlags();
        await().atMost(WAIT).until(() -> count("/api/v2/event") == 7);

        try (SseStream resumed = admin.stream("/api/v2/event/stream", "Last-Event-ID", lastSeen)) {
            List<SseEvent> missed = resumed.next(5, WAIT);
            List<Long> ids =
                    missed.stream().map(event -> Long.parseLong(event.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(ids.get(0)).isGreaterThan(Long.parseLong(lastSeen));
            assertThat(missed.stream().map(SseEvent::data))
                    .anySatisfy(data -> assertThat(data).contains("noscrub"))
                    .anySatisfy(data -> assertThat(data).contains("nodeep-scrub"));
            assertThat(resumed.next(Duration.ofMillis(300))).isEmpty();

            setFlag("pause");
            assertThat(resumed.next(1, WAIT).get(0).data()).contains("pause");
        }
        try (SseStream fromQuery = admin.stream("/api/v2/event/stream?last_event_id=" + lastSeen)) {
            assertThat(fromQuery.next(6, WAIT)).hasSize(6);
        }
    }

    @Test
    void appliesTheListsFilters() throws Exception {
        try (SseStream warnings = admin.stream("/api/v2/event/stream?severity=WARNING&service_type=osd");
                SseStream cluster = admin.stream("/api/v2/cluster/" + healthy.fsid() + "/event/stream");
                SseStream otherHost = admin.stream("/api/v2/server/no-such-host/event/stream")) {
            setFlag("noout");
            clusters.put(SnapshotEdits.withOsds(
                    healthy,
                    osds -> osds.stream()
                            .map(osd -> osd.id() == 1 ? SnapshotEdits.withState(osd, false, true) : osd)
                            .toList()));

            assertThat(cluster.next(2, WAIT)).hasSize(2);
            SseEvent warning = warnings.next(1, WAIT).get(0);
            assertThat(warning.data()).contains("went down").contains("\"severity\":\"WARNING\"");
            assertThat(warnings.next(Duration.ofMillis(300))).isEmpty();
            assertThat(otherHost.next(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void refusesBadRequestsBeforeStreaming() {
        assertThat(admin.get("/api/v2/event/stream").status()).isEqualTo(406);
        try (SseStream badId = admin.stream("/api/v2/event/stream", "Last-Event-ID", "yesterday")) {
            assertThat(badId.status()).isEqualTo(400);
            assertThat(badId.errorBody()).contains("last_event_id");
        }
        try (SseStream badSeverity = admin.stream("/api/v2/event/stream?severity=LOUD")) {
            assertThat(badSeverity.status()).isEqualTo(400);
        }
        try (SseStream unknown = admin.stream("/api/v2/cluster/no-such-fsid/event/stream")) {
            assertThat(unknown.status()).isEqualTo(404);
        }
        try (SseStream anonymous = server.anonymous().stream("/api/v2/event/stream")) {
            assertThat(anonymous.status()).isIn(401, 403);
        }
    }

    private void setFlag(String flag) {
        clusters.put(SnapshotEdits.withFlags(current(), Set.of(flag), Set.of()));
    }

    private void clearFlags() {
        clusters.put(SnapshotEdits.withFlags(current(), Set.of(), Set.of("noout", "noscrub", "nodeep-scrub")));
    }

    private ClusterSnapshot current() {
        return clusters.cluster(healthy.fsid()).orElseThrow();
    }

    private long count(String path) {
        return admin.get(path).json().get("count").asLong();
    }
}
