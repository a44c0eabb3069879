package io.calamari.server.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.OpenApiDocument;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mutation and request resource against the OpenAPI document, over the recorded healthy
 * cluster with a recording command channel: 202, 304, 400, 404, 409 and the request pages all
 * answer as documented, and invalid input creates no request.
 */
class RequestContractTest {
    private static final ClusterSnapshot HEALTHY = FixtureSnapshots.healthy();
    private static final String BASE = "/api/v2/cluster/" + HEALTHY.fsid();
    private static OpenApiInteractionValidator validator;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void setUp() throws Exception {
        validator = OpenApiDocument.validator();
        FakeClusterDirectory clusters = new FakeClusterDirectory(HEALTHY);
        clusters.acceptCommands(HEALTHY.fsid(), new RecordingChannel(14));
        server = TestServer.start(clusters);
        admin = server.admin();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mutationsAnswerAsDocumented() {
        exchange("POST", BASE + "/pool", "{\"name\": \"new\", \"pg_num\": 8}", 202);
        exchange("POST", BASE + "/pool", "{\"name\": \"device_health_metrics\", \"pg_num\": 8}", 409);
        exchange("POST", BASE + "/pool", "{\"name\": \"new\", \"pg_num\": 8, \"pgp_num\": 9}", 400);
        exchange("PATCH", BASE + "/pool/1", "{\"quota_max_objects\": 5}", 202);
        exchange("PATCH", BASE + "/pool/1", "{\"size\": 2}", 304);
        exchange("PATCH", BASE + "/pool/99", "{\"size\": 2}", 404);
        exchange("DELETE", BASE + "/pool/1", null, 202);
        exchange("DELETE", BASE + "/pool/99", null, 404);
        exchange("PATCH", BASE + "/osd/1", "{\"in\": false}", 202);
        exchange("PATCH", BASE + "/osd/1", "{\"in\": true}", 304);
        exchange("PATCH", BASE + "/osd/1", "{\"reweight\": 3}", 400);
        exchange("PATCH", BASE + "/osd/42", "{\"in\": false}", 404);
        exchange("POST", BASE + "/osd/1/command/scrub", "{}", 202);
        exchange("POST", BASE + "/osd/1/command/explode", "{}", 404);
        exchange("PATCH", BASE + "/osd_config", "{\"noout\": true}", 202);
        exchange("PATCH", BASE + "/osd_config", "{\"noout\": false}", 304);
        exchange("PATCH", "/api/v2/cluster/no-such-fsid/osd_config", "{\"noout\": true}", 404);
        exchange("POST", BASE + "/cli", "{}", 400);
        ApiResponse unknownFlag = admin.patch(BASE + "/osd_config", "{\"sortbitwise\": true}");
        assertThat(unknownFlag.status()).isEqualTo(400);
        assertThat(unknownFlag.json().has("sortbitwise")).isTrue();
    }

    @Test
    void requestResourcesAnswerAsDocumented() {
        String id = RequestAwait.accepted(exchange("PATCH", BASE + "/osd_config", "{\"nodown\": true}", 202));
        RequestAwait.complete(admin, id, Duration.ofSeconds(10));

        exchange("GET", "/api/v2/request", null, 200);
        ApiResponse page = exchange("GET", "/api/v2/request?page=1&page_size=1&state=complete", null, 200);
        assertThat(page.json().get("results")).hasSize(1);
        exchange("GET", "/api/v2/request/" + id, null, 200);
        exchange("GET", "/api/v2/request/no-such-request", null, 404);
        exchange("GET", BASE + "/request", null, 200);
        exchange("GET", BASE + "/request/" + id, null, 200);
        exchange("GET", BASE + "/request/no-such-request", null, 404);
        ApiResponse cancelled = exchange("POST", "/api/v2/request/" + id + "/cancel", null, 200);
        assertThat(cancelled.json().get("error").asBoolean())
                .as("a complete request stays as it was")
                .isFalse();
        exchange("POST", "/api/v2/request/no-such-request/cancel", null, 404);
        exchange("GET", "/api/v2/request?page=99", null, 400);
        ApiResponse badState = admin.get("/api/v2/request?state=running");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().get("detail").asString()).isEqualTo("State must be one of complete, submitted");
    }

    @Test
    void eventResourcesAnswerAsDocumented() {
        exchange("GET", "/api/v2/event", null, 200);
        exchange("GET", "/api/v2/event?severity=WARNING&search=noout&page_size=5", null, 200);
        exchange("GET", "/api/v2/event?since=2026-01-01T00:00:00Z&service_type=osd&service_id=1", null, 200);
        exchange("GET", BASE + "/event", null, 200);
        exchange("GET", "/api/v2/server/node1/event", null, 200);
        exchange("GET", "/api/v2/cluster/no-such-fsid/event", null, 404);
        exchange("GET", "/api/v2/event?page=99", null, 400);
    }

    @Test
    void invalidInputCreatesNoRequest() {
        long before = admin.get("/api/v2/request").json().get("count").asLong();

        admin.post(BASE + "/pool", "{\"name\": \"x\"}");
        admin.patch(BASE + "/osd/1", "{\"up\": \"no\"}");
        admin.post(BASE + "/osd/1/command/scrub", "[]");

        assertThat(admin.get("/api/v2/request").json().get("count").asLong()).isEqualTo(before);
    }

    private static ApiResponse exchange(String method, String pathAndQuery, @Nullable String body, int status) {
        ApiResponse response = admin.send(method, pathAndQuery, body, "application/json");
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        ValidationReport report = validator.validateResponse(
                pathAndQuery.split("\\?")[0], Request.Method.valueOf(method), OpenApiDocument.response(response));
        if (status < 400) {
            report = report.merge(
                    validator.validateRequest(OpenApiDocument.request(method, pathAndQuery, body, "application/json")));
        }
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, OpenApiDocument.describe(report))
                .isFalse();
        return response;
    }
}
