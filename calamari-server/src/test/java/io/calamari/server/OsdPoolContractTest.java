package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.OpenApiDocument;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OSD, pool, stats and v1 summary resources against the OpenAPI document, over the recorded
 * degraded cluster: every answer (success and error) matches the document, and requests the server
 * rejects as malformed are malformed by the document too.
 */
class OsdPoolContractTest {
    private static final ClusterSnapshot DEGRADED = FixtureSnapshots.degraded();
    private static OpenApiInteractionValidator validator;
    private static TestServer server;
    private static ApiClient reader;

    @BeforeAll
    static void setUp() throws Exception {
        validator = OpenApiDocument.validator();
        server = TestServer.start(new FakeClusterDirectory(DEGRADED));
        reader = server.userWithRole("reader", "readonly");
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void osdResources() {
        String base = "/api/v2/cluster/" + DEGRADED.fsid();
        exchange(base + "/osd", 200);
        exchange(base + "/osd?pool=2", 200);
        exchange(base + "/osd?pool=4", 200);
        exchange(base + "/osd?pool=42", 404);
        exchange(base + "/osd?id__in[]=0&id__in[]=2", 200);
        exchange(base + "/osd?page=2&page_size=2", 200);
        exchange(base + "/osd?page=1", 200);
        exchange(base + "/osd/1", 200);
        exchange(base + "/osd/99", 404);
        exchange(base + "/osd/command", 200);
        exchange(base + "/osd/1/command", 200);
        exchange(base + "/osd/1/command/scrub", 200);
        exchange(base + "/osd/1/command/explode", 404);
        exchange(base + "/osd_config", 200);
        exchange("/api/v2/cluster/no-such-fsid/osd", 404);
        exchangeInvalid(base + "/osd?pool=two", 400);
        exchangeInvalid(base + "/osd?id__in[]=x", 400);
        exchangeInvalid(base + "/osd?page=0", 400);
        exchange(base + "/osd?page=9", 400);

        String v1 = "/api/v1/cluster/" + DEGRADED.fsid();
        exchange(v1 + "/osd", 200);
        exchange(v1 + "/osd?pg_states=remapped,undersized", 200);
        exchange(v1 + "/osd/0", 200);
        exchange(v1 + "/osd/42", 404);
    }

    @Test
    void poolAndSummaryResources() {
        String base = "/api/v2/cluster/" + DEGRADED.fsid();
        exchange(base + "/pool", 200);
        exchange(base + "/pool?defaults", 200);
        exchange(base + "/pool/3", 200);
        exchange(base + "/pool/99", 404);
        exchange(base + "/pool/stats", 200);
        exchange(base + "/pool/2/stats", 200);
        exchange(base + "/pool/99/stats", 404);
        exchange(base + "/stats", 200);

        String v1 = "/api/v1/cluster/" + DEGRADED.fsid();
        exchange(v1 + "/pool", 200);
        exchange(v1 + "/pool/2", 200);
        exchange(v1 + "/pool/99", 404);
        exchange(v1 + "/health_counters", 200);
        exchange(v1 + "/space", 200);
        exchange(v1 + "/space", 200);
        ApiResponse anonymous = server.anonymous().get(v1 + "/health_counters");
        assertThat(anonymous.status()).isEqualTo(403);
        assertValid(OpenApiDocument.request("GET", v1 + "/health_counters", null, "application/json"), anonymous);
    }

    @Test
    void validatorChecksTheseSchemas() {
        String base = "/api/v2/cluster/" + DEGRADED.fsid();
        String flags = reader.get(base + "/osd_config").body();
        assertThat(validator
                        .validateResponse(
                                base + "/osd_config",
                                com.atlassian.oai.validator.model.Request.Method.GET,
                                SimpleResponse.Builder.ok()
                                        .withContentType("application/json")
                                        .withBody(flags.replace("\"pause\"", "\"paused\""))
                                        .build())
                        .hasErrors())
                .as("a missing flag is an error")
                .isTrue();
        String osds = reader.get(base + "/osd").body();
        assertThat(validator
                        .validateResponse(
                                base + "/osd",
                                com.atlassian.oai.validator.model.Request.Method.GET,
                                SimpleResponse.Builder.ok()
                                        .withContentType("application/json")
                                        .withBody(osds.replace("\"reweight\"", "\"weight\""))
                                        .build())
                        .hasErrors())
                .as("an OSD without reweight is an error")
                .isTrue();
    }

    private static void exchange(String pathAndQuery, int expectedStatus) {
        ApiResponse response = reader.get(pathAndQuery);
        assertThat(response.status()).as("status of %s", response).isEqualTo(expectedStatus);
        assertValid(OpenApiDocument.request("GET", pathAndQuery, null, "application/json"), response);
    }

    private static void exchangeInvalid(String pathAndQuery, int expectedStatus) {
        ApiResponse response = reader.get(pathAndQuery);
        assertThat(response.status()).as("status of %s", response).isEqualTo(expectedStatus);
        SimpleRequest request = OpenApiDocument.request("GET", pathAndQuery, null, "application/json");
        assertThat(validator.validateRequest(request).hasErrors())
                .as("the server rejects %s, but the OpenAPI document accepts it", pathAndQuery)
                .isTrue();
        ValidationReport report =
                validator.validateResponse(request.getPath(), request.getMethod(), OpenApiDocument.response(response));
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, OpenApiDocument.describe(report))
                .isFalse();
    }

    private static void assertValid(SimpleRequest request, ApiResponse response) {
        ValidationReport report = validator.validate(request, OpenApiDocument.response(response));
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, OpenApiDocument.describe(report))
                .isFalse();
    }
}
