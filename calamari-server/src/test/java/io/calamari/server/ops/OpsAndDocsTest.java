package io.calamari.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.http.ApiDocsRoutes;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's own metrics, the API document and Swagger UI. */
class OpsAndDocsTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void metricsShowHttpLatencyPerRouteJvmAndTheDatabasePool() {
        ApiClient admin = server.admin();
        admin.get("/api/v2/user/me");
        admin.get("/api/v2/user/1");

        ApiResponse metrics = admin.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains(
                        "http_server_requests_seconds_count{application=\"calamari\",method=\"GET\",route=\"/api/v2/user/{id}\",status=\"200\"} 2")
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections_active");
    }

    @Test
    void theDocumentIsServedAsWritten() throws Exception {
        ApiResponse document = server.anonymous().get("/api/v2/openapi.yaml");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        try (InputStream resource = ApiDocsRoutes.class.getResourceAsStream(ApiDocsRoutes.DOCUMENT_RESOURCE)) {
            assertThat(document.body()).isEqualTo(new String(resource.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void swaggerUiLoadsItsAssetsFromTheWebJar() {
        ApiClient anonymous = server.anonymous();
        ApiResponse page = anonymous.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/calamari-initializer.js");

        ApiResponse bundle = anonymous.get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(anonymous.get("/api/docs/calamari-initializer.js").body())
                .contains("/api/v2/openapi.yaml", "X-XSRF-TOKEN");
        assertThat(anonymous.get("/api/docs/swagger-ui.css").header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(anonymous.get("/api/docs/../../etc/passwd").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/docs/index.html").status())
                .as("only listed assets")
                .isEqualTo(404);
    }

    @Test
    void theRootRedirectsToTheDocsForNow() {
        ApiResponse root = server.anonymous().get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).contains("/api/docs");
    }
}
