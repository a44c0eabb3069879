package io.calamari.server.crush;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.ceph.parse.Fixtures;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.OpenApiDocument;
import io.calamari.server.testing.TestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRUSH write routes over the recorded degraded cluster, whose fixed snapshot takes no
 * commands: invalid input is answered 400, 404 or 409 before anything is sent, valid input gets as
 * far as the 503 for the missing command channel. Every answer matches the OpenAPI document.
 */
class CrushWriteRoutesTest {
    private static final ClusterSnapshot DEGRADED = FixtureSnapshots.degraded();
    private static final String BASE = "/api/v2/cluster/" + DEGRADED.fsid();
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain";

    private static OpenApiInteractionValidator validator;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void setUp() throws Exception {
        validator = OpenApiDocument.validator();
        server = TestServer.start(new FakeClusterDirectory(DEGRADED));
        admin = server.admin();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void crushNodes() {
        String valid =
                "{\"name\": \"rack1\", \"bucket_type\": \"rack\", \"items\": [{\"id\": -3, \"weight\": 0, \"pos\": 0}]}";
        exchange(admin, "POST", "/crush_node", valid, JSON, 503);
        exchange(admin, "POST", "/crush_node", "{\"name\": \"rack1\"}", JSON, 400);
        ApiResponse taken =
                exchange(admin, "POST", "/crush_node", "{\"name\": \"node1\", \"bucket_type\": \"rack\"}", JSON, 409);
        assertThat(taken.json().get("name").get(0).asString()).isEqualTo("CRUSH node with name node1 already exists");
        ApiResponse unknown = exchange(admin, "POST", "/crush_node", valid.replace("-3", "-77"), JSON, 404);
        assertThat(unknown.json().get("detail").asString())
                .isEqualTo("Object of type crush_node with id -77 not found");
        exchange(admin, "POST", "/crush_node", "name=rack1", TEXT, 415);

        exchange(admin, "PATCH", "/crush_node/-10", "{\"name\": \"host9\"}", JSON, 503);
        exchange(admin, "PATCH", "/crush_node/-10", "{\"name\": \"extrahost\", \"items\": []}", JSON, 304);
        exchange(admin, "PATCH", "/crush_node/-2", "{\"name\": \"x\"}", JSON, 404);
        exchange(admin, "PATCH", "/crush_node/-3", "{\"items\": [{\"id\": -1}]}", JSON, 400);

        ApiResponse notEmpty = exchange(admin, "DELETE", "/crush_node/-9", null, JSON, 409);
        assertThat(notEmpty.json().get("detail").asString()).startsWith("CRUSH node extra is not empty");
        exchange(admin, "DELETE", "/crush_node/-10", null, JSON, 503);
        exchange(admin, "DELETE", "/crush_node/-99", null, JSON, 404);
        exchange(server.userWithRole("node-reader", "readonly"), "DELETE", "/crush_node/-10", null, JSON, 403);
    }

    @Test
    void crushRules() {
        String valid = "{\"name\": \"fast\", \"type\": \"replicated\", \"min_size\": 1, \"max_size\": 10, \"steps\":"
                + " [{\"op\": \"take\", \"item_name\": \"default\"}, {\"op\": \"chooseleaf_firstn\", \"num\": 0,"
                + " \"type\": \"host\"}, {\"op\": \"emit\"}]}";
        exchange(admin, "POST", "/crush_rule", valid, JSON, 503);
        exchange(admin, "POST", "/crush_rule", valid.replace("fast", "ecpool"), JSON, 409);
        exchange(admin, "POST", "/crush_rule", valid.replace("\"op\": \"emit\"", "\"op\": \"jump\""), JSON, 400);
        exchange(admin, "POST", "/crush_rule", valid.replace("\"max_size\": 10", "\"max_size\": 5"), JSON, 503);

        exchange(admin, "PATCH", "/crush_rule/2", "{\"name\": \"emptyrule\"}", JSON, 304);
        exchange(admin, "PATCH", "/crush_rule/2", "{\"name\": \"empty\"}", JSON, 503);
        exchange(admin, "PATCH", "/crush_rule/99", "{\"name\": \"empty\"}", JSON, 404);

        ApiResponse used = exchange(admin, "DELETE", "/crush_rule/3", null, JSON, 409);
        assertThat(used.json().get("detail").asString()).isEqualTo("CRUSH rule extrarule is used by pool extrapool");
        exchange(admin, "DELETE", "/crush_rule/42", null, JSON, 404);
    }

    @Test
    void crushMapAsTextOrAsAJsonString() {
        String text = Fixtures.text(Fixtures.DEGRADED, "crushmap.txt");
        exchange(admin, "POST", "/crush_map", text, TEXT, 503);
        exchange(admin, "POST", "/crush_map", "\"" + text.replace("\t", "\\t").replace("\n", "\\n") + "\"", JSON, 503);

        ApiResponse invalid = exchange(admin, "POST", "/crush_map", "rule x {\n", TEXT, 400);
        assertThat(invalid.json().get("detail").asString())
                .startsWith("crushtool could not compile the CRUSH map: crushmap.txt:");
        ApiResponse empty = exchange(admin, "POST", "/crush_map", " \n", TEXT, 400);
        assertThat(empty.json().get("detail").asString()).isEqualTo("The CRUSH map is empty");
        exchange(admin, "POST", "/crush_map", "{\"map\": \"x\"}", JSON, 400);
        exchange(server.userWithRole("map-reader", "readonly"), "POST", "/crush_map", text, TEXT, 403);
        exchange(admin, "POST", "/api/v2/cluster/no-such-fsid/crush_map", text, TEXT, 404);
    }

    /** Sends a request, checks the status and checks the answer against the document. */
    private static ApiResponse exchange(
            ApiClient client, String method, String path, @Nullable String body, String contentType, int expected) {
        String full = path.startsWith("/api/") ? path : BASE + path;
        ApiResponse response = client.send(method, full, body, contentType);
        assertThat(response.status()).as("status of %s", response).isEqualTo(expected);
        SimpleResponse answer = OpenApiDocument.response(response);
        SimpleRequest request = OpenApiDocument.request(method, full, body, contentType);
        ValidationReport report = expected < 400
                ? validator.validate(request, answer)
                : validator.validateResponse(full, request.getMethod(), answer);
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, OpenApiDocument.describe(report))
                .isFalse();
        return response;
    }
}
