package io.calamari.server.clusterlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.model.ClusterLogLevel;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.ceph.rados.RadosTimeoutException;
import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.OpenApiDocument;
import io.calamari.server.testing.SseStream;
import io.calamari.server.testing.SseStream.SseEvent;
import io.calamari.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code cluster/{fsid}/log} and its stream over a real server: Calamari's {@code lines} built from
 * recorded {@code log last} output, the arguments Ceph is sent, validation before anything is sent,
 * 404 and 503 as Calamari answered, and the stream's events; answers checked against the OpenAPI
 * document.
 */
class ClusterLogRoutesTest {
    private static final String LOG = "pacific/cluster-log";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CLUSTERLESS = "00000000-0000-4000-8000-0000000000aa";

    private final ClusterSnapshot healthy = FixtureSnapshots.healthy();
    private final String base = "/api/v2/cluster/" + healthy.fsid() + "/log";
    private final LogChannel channel = new LogChannel();
    private final FakeLogClient cluster = new FakeLogClient();
    private final OpenApiInteractionValidator validator = OpenApiDocument.validator();
    private TestServer server;
    private ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        FakeClusterDirectory clusters =
                new FakeClusterDirectory(healthy, FixtureSnapshots.withFsid(healthy, CLUSTERLESS));
        clusters.acceptCommands(healthy.fsid(), channel);
        clusters.acceptConnections(healthy.fsid(), cluster::connect);
        server = TestServer.start(clusters);
        admin = server.admin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersCalamarisLinesAndTheEntries() {
        channel.answer = arguments -> ok(Fixtures.bytes(LOG, "log-last.json"));

        ApiResponse response = exchange(admin, base, 200);

        assertThat(response.json().get("lines").asString()).isEqualTo(Fixtures.text(LOG, "log-last.txt"));
        JsonNode entries = response.json().get("entries");
        assertThat(entries).hasSize(7);
        assertThat(entries.get(2).toString())
                .isEqualTo("{\"name\":\"mon.a\",\"rank\":\"mon.0\",\"stamp\":\"2026-11-22T00:04:14.058034+00:00\","
                        + "\"seq\":98,\"channel\":\"cluster\",\"priority\":\"[WRN]\",\"level\":\"warn\","
                        + "\"message\":\"Health check failed: noout flag(s) set (OSDMAP_FLAGS)\"}");
        assertThat(channel.sent)
                .containsExactly(Map.of(
                        "prefix", "log last", "num", 40, "level", "info", "channel", "cluster", "format", "json"));
        assertThat(response.header("X-Calamari-Cluster-Reachable")).hasValue("true");
    }

    @Test
    void passesLinesChannelAndLevelToCephAndKeepsTheNewest() {
        channel.answer = arguments -> ok(Fixtures.bytes(LOG, "log-last-3-debug-audit.json"));

        ApiResponse response =
                exchange(server.userWithRole("reader", "readonly"), base + "?lines=3&channel=audit&level=debug", 200);

        assertThat(response.json().get("entries")).hasSize(3);
        assertThat(response.json().get("lines").asString().lines()).hasSize(3);
        assertThat(channel.sent)
                .containsExactly(
                        Map.of("prefix", "log last", "num", 3, "level", "debug", "channel", "audit", "format", "json"));
    }

    @Test
    void refusesBadParametersBeforeAskingCeph() {
        assertThat(exchange(admin, base + "?lines=0", 400)
                        .json()
                        .get("lines")
                        .get(0)
                        .asString())
                .isEqualTo("Ensure this value is greater than or equal to 1.");
        assertThat(exchange(admin, base + "?lines=10001", 400)
                        .json()
                        .get("lines")
                        .get(0)
                        .asString())
                .isEqualTo("Ensure this value is less than or equal to 10000.");
        assertThat(exchange(admin, base + "?lines=many", 400)
                        .json()
                        .get("lines")
                        .get(0)
                        .asString())
                .isEqualTo("A valid integer is required.");
        JsonNode both =
                exchange(admin, base + "?channel=kernel&level=loud", 400).json();
        assertThat(both.get("channel").get(0).asString())
                .isEqualTo("\"kernel\" is not a valid choice (cluster, audit, cephadm, *).");
        assertThat(both.get("level").get(0).asString())
                .isEqualTo("\"loud\" is not a valid choice (debug, info, sec, warn, error).");
        assertThat(channel.sent).isEmpty();
        assertThat(exchange(admin, "/api/v2/cluster/no-such-fsid/log", 404)
                        .json()
                        .get("detail")
                        .asString())
                .isEqualTo("Cluster with fsid 'no-such-fsid' not found");
        exchange(server.anonymous(), base, 403);
    }

    @Test
    void answers503WhenTheMonitorsCannotBeAsked() {
        channel.answer = arguments -> {
            throw new RadosTimeoutException("mon command timed out", -110, "");
        };
        assertUnavailable(base);
        channel.answer = arguments -> new CommandResult(-22, new byte[0], "unrecognized command");
        assertUnavailable(base);
        channel.answer = arguments -> ok("{\"not\": \"a list\"}".getBytes(StandardCharsets.UTF_8));
        assertUnavailable(base);
        assertUnavailable("/api/v2/cluster/" + CLUSTERLESS + "/log");
    }

    @Test
    void streamsEntriesAsTheyAreLogged() throws Exception {
        try (SseStream stream = admin.stream(base + "/stream?channel=*&level=debug")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            waitUntilSubscribed();

            cluster.log("audit", ClusterLogLevel.DEBUG, 98, "from='client.?' cmd=[{\"prefix\": \"status\"}]");

            SseEvent event = stream.next(1, WAIT).get(0);
            assertThat(event.event()).isEqualTo("log");
            assertThat(event.id()).isEqualTo("98");
            assertThat(event.data())
                    .isEqualTo("{\"name\":\"mon.a\",\"rank\":\"mon.0\",\"stamp\":\"2026-11-22T00:04:14.000000+00:00\","
                            + "\"seq\":98,\"channel\":\"audit\",\"priority\":\"[DBG]\",\"level\":\"debug\","
                            + "\"message\":\"from='client.?' cmd=[{\\\"prefix\\\": \\\"status\\\"}]\"}");
        }
    }

    @Test
    void streamsApplyTheFilters() throws Exception {
        try (SseStream warnings = admin.stream(base + "/stream?level=warn")) {
            waitUntilSubscribed();

            cluster.log("cluster", ClusterLogLevel.INFO, 1, "not a warning");
            cluster.log("audit", ClusterLogLevel.ERROR, 2, "another channel");
            cluster.log("cluster", ClusterLogLevel.ERROR, 3, "an error");

            assertThat(warnings.next(1, WAIT).get(0).id()).isEqualTo("3");
            assertThat(warnings.next(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void refusesBadStreamsBeforeStreaming() {
        assertThat(admin.get(base + "/stream").status()).isEqualTo(406);
        try (SseStream badLevel = admin.stream(base + "/stream?level=loud")) {
            assertThat(badLevel.status()).isEqualTo(400);
            assertThat(badLevel.errorBody()).contains("level");
        }
        try (SseStream unknown = admin.stream("/api/v2/cluster/no-such-fsid/log/stream")) {
            assertThat(unknown.status()).isEqualTo(404);
        }
        try (SseStream unconnectable = admin.stream("/api/v2/cluster/" + CLUSTERLESS + "/log/stream")) {
            assertThat(unconnectable.status()).isEqualTo(503);
            assertThat(unconnectable.errorBody()).contains("The cluster log cannot be followed");
        }
        try (SseStream anonymous = server.anonymous().stream(base + "/stream")) {
            assertThat(anonymous.status()).isEqualTo(403);
        }
        assertThat(cluster.attempts).hasValue(0);
    }

    private void waitUntilSubscribed() {
        await().atMost(WAIT).until(() -> cluster.subscribed() == 1);
    }

    private void assertUnavailable(String path) {
        assertThat(exchange(admin, path, 503).json().get("detail").asString()).isEqualTo("mon log data unavailable");
    }

    /** Sends a GET and checks the status, and request and response against the OpenAPI document. */
    private ApiResponse exchange(ApiClient client, String pathAndQuery, int status) {
        ApiResponse response = client.get(pathAndQuery);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        ValidationReport report = validator.validateResponse(
                pathAndQuery.split("\\?")[0], Request.Method.GET, OpenApiDocument.response(response));
        if (status < 400) {
            report = report.merge(validator.validateRequest(OpenApiDocument.request("GET", pathAndQuery, null, "")));
        }
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, OpenApiDocument.describe(report))
                .isFalse();
        return response;
    }

    private static CommandResult ok(byte[] output) {
        return new CommandResult(0, output, "");
    }

    /** A command channel answering from a function and recording what it was sent. */
    private static final class LogChannel implements ClusterCommands {
        final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
        volatile Function<Map<String, Object>, CommandResult> answer =
                arguments -> ok("[]".getBytes(StandardCharsets.UTF_8));

        @Override
        public CommandResult send(Target target, Map<String, Object> arguments, byte[] input, Duration timeout) {
            assertThat(target).isEqualTo(Target.MON);
            sent.add(arguments);
            return answer.apply(arguments);
        }

        @Override
        public void refreshNow() {}

        @Override
        public void refreshPlacementGroupsNow() {}
    }
}
