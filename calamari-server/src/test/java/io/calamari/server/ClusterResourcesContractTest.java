package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.http.ApiDocsRoutes;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRUSH, mon, config and server resources answer as the OpenAPI document says (strict schemas),
 * over the recorded degraded cluster and a copy of it without configuration.
 */
class ClusterResourcesContractTest {
    private static final String NO_CONFIG = "00000000-0000-4000-8000-00000000000c";

    private static OpenApiInteractionValidator validator;
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void setUp() throws Exception {
        String document;
        try (InputStream in = ClusterResourcesContractTest.class.getResourceAsStream(ApiDocsRoutes.DOCUMENT_RESOURCE)) {
            assertThat(in).isNotNull();
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        ClusterSnapshot degraded = FixtureSnapshots.degraded();
        server = TestServer.start(new FakeClusterDirectory(
                degraded,
                FixtureSnapshots.withConfig(FixtureSnapshots.withFsid(degraded, NO_CONFIG), Optional.empty())));
        admin = server.admin();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> exchanges() {
        String c = "/api/v2/cluster/" + FixtureSnapshots.degraded().fsid();
        String none = "/api/v2/cluster/no-such-fsid";
        String noConfig = "/api/v2/cluster/" + NO_CONFIG;
        return Stream.of(
                Arguments.of(c + "/crush_rule", 200),
                Arguments.of(c + "/crush_rule/1", 200),
                Arguments.of(c + "/crush_rule/7", 404),
                Arguments.of(none + "/crush_rule", 404),
                Arguments.of(c + "/crush_rule_set", 200),
                Arguments.of(c + "/crush_node", 200),
                Arguments.of(c + "/crush_node/-9", 200),
                Arguments.of(c + "/crush_node/-99", 404),
                Arguments.of(c + "/crush_type", 200),
                Arguments.of(c + "/crush_type/11", 200),
                Arguments.of(c + "/crush_type/99", 404),
                Arguments.of(c + "/mon", 200),
                Arguments.of(c + "/mon/a", 200),
                Arguments.of(c + "/mon/zz", 404),
                Arguments.of(c + "/mon/a/status", 200),
                Arguments.of(c + "/mon/zz/status", 404),
                Arguments.of(c + "/config", 200),
                Arguments.of(c + "/config/osd_pool_default_size", 200),
                Arguments.of(c + "/config/nope", 404),
                Arguments.of(noConfig + "/config", 503),
                Arguments.of(noConfig + "/config/osd_pool_default_size", 503),
                Arguments.of("/api/v2/server", 200),
                Arguments.of("/api/v2/server/node0", 200),
                Arguments.of("/api/v2/server/a", 200),
                Arguments.of("/api/v2/server/unknown", 404),
                Arguments.of(c + "/server", 200),
                Arguments.of(c + "/server/node0", 200),
                Arguments.of(c + "/server/unknown", 404),
                Arguments.of("/api/v1/cluster/" + FixtureSnapshots.degraded().fsid() + "/server", 200),
                Arguments.of("/api/v1/cluster/no-such-fsid/server", 404));
    }

    @ParameterizedTest(name = "GET {0} → {1}")
    @MethodSource("exchanges")
    void answersAsDocumented(String path, int expectedStatus) {
        ApiResponse response = admin.get(path);
        assertThat(response.status()).as("status of %s", response).isEqualTo(expectedStatus);
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                builder.withHeader(name, values);
            }
        });
        builder.withBody(response.body());
        ValidationReport report = validator.validateResponse(path, Request.Method.GET, builder.build());
        assertThat(report.hasErrors())
                .as(
                        "%s does not match the OpenAPI document:%n%s",
                        response,
                        report.getMessages().stream()
                                .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                                .collect(Collectors.joining("\n")))
                .isFalse();
    }
}
