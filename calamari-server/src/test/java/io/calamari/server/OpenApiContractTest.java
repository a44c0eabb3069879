package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.protocol.Json;
import io.calamari.server.config.ServerConfig;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.http.ApiDocsRoutes;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.MutableClock;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document ({@code calamari-v2.yaml}) against the real server: every registered route is
 * documented and nothing else is, and what the server answers to real requests — statuses, content
 * types, bodies and documented headers — is what the document says. Requests the server rejects as
 * invalid must be invalid by the document too.
 */
class OpenApiContractTest {
    /** Routes that are not part of the API and must stay out of the document. */
    private static final Set<String> NON_API_ROUTES = Set.of("GET /", "GET /api/docs", "GET /api/docs/{asset}");

    private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static String document;
    private static OpenApiInteractionValidator validator;
    private static TestServer server;

    @BeforeAll
    static void setUp() throws Exception {
        document = readDocument();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        // The session cookie and the X-XSRF-TOKEN header are the server's business
                        // (AccessMatrixTest); requests without them are part of this test on purpose.
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.parameter.header.missing", ValidationReport.Level.IGNORE)
                        // Judge objects by the document's own additionalProperties, not by the
                        // validator's habit of injecting additionalProperties: false everywhere.
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        server = TestServer.start();
    }

    @AfterAll
    static void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- the document and the routes

    @Test
    void documentParsesWithoutMessages() {
        SwaggerParseResult result = parse(document);
        assertThat(result.getMessages())
                .as("parser messages for calamari-v2.yaml")
                .isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
    }

    @Test
    void documentedOperationsAreExactlyTheServersRoutes() {
        SwaggerParseResult result = parse(document);
        assertThat(result.getMessages())
                .as("parser messages for calamari-v2.yaml")
                .isEmpty();
        Set<String> documented = documentedOperations(result.getOpenAPI());
        Set<String> routes = server.server().routes().stream()
                .map(route -> route.method().toUpperCase(Locale.ROOT) + " " + route.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routes)
                .as("the non-API routes are still registered (else update NON_API_ROUTES)")
                .containsAll(NON_API_ROUTES);
        Set<String> nonApiDocumented = new TreeSet<>(documented);
        nonApiDocumented.retainAll(NON_API_ROUTES);
        assertThat(nonApiDocumented)
                .as("non-API routes that must not be in the document")
                .isEmpty();

        Set<String> apiRoutes = new TreeSet<>(routes);
        apiRoutes.removeAll(NON_API_ROUTES);
        Set<String> undocumented = new TreeSet<>(apiRoutes);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(apiRoutes);
        assertThat(documented)
                .as(
                        "OpenAPI document and server routes differ:%n  routes missing from the document: %s%n"
                                + "  documented operations the server does not have: %s",
                        undocumented, notServed)
                .isEqualTo(apiRoutes);
    }

    @Test
    void servedDocumentIsTheResource() {
        ApiResponse response = exchange(server.anonymous(), "GET", "/api/v2/openapi.yaml", null, 200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
        assertThat(response.body()).isEqualTo(document);
    }

    // ---------------------------------------------------------------- the validator really checks

    @Test
    void validatorRejectsResponsesThatBreakTheDocument() {
        ApiResponse info = exchange(server.anonymous(), "GET", "/api/v2/info", null, 200);
        ObjectNode tampered = (ObjectNode) info.json();
        tampered.put("extra", 1);

        ValidationReport extraProperty = validator.validateResponse(
                "/api/v2/info",
                Request.Method.GET,
                SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody(Json.newMapper().writeValueAsString(tampered))
                        .build());
        assertThat(extraProperty.hasErrors())
                .as("an extra property in Info is an error")
                .isTrue();
        assertThat(keys(extraProperty)).contains("validation.response.body.schema.additionalProperties");

        ValidationReport undocumentedStatus = validator.validateResponse(
                "/api/v2/info",
                Request.Method.GET,
                SimpleResponse.Builder.status(418)
                        .withContentType("application/json")
                        .withBody("{\"detail\": \"I'm a teapot\"}")
                        .build());
        assertThat(keys(undocumentedStatus)).contains("validation.response.status.unknown");

        ValidationReport wrongShape = validator.validateResponse(
                "/api/v2/user",
                Request.Method.GET,
                SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody("{\"detail\": \"not a list\"}")
                        .build());
        assertThat(keys(wrongShape)).contains("validation.response.body.schema.type");

        ValidationReport wrongContentType = validator.validateResponse(
                "/metrics",
                Request.Method.GET,
                SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody("{}")
                        .build());
        assertThat(keys(wrongContentType)).contains("validation.response.contentType.notAllowed");

        ValidationReport wrongHeader = validator.validateResponse(
                "/api/v2/auth/login",
                Request.Method.POST,
                SimpleResponse.Builder.status(429)
                        .withContentType("application/json")
                        .withHeader("Retry-After", "soon")
                        .withBody("{\"detail\": \"Too many failed login attempts.\"}")
                        .build());
        assertThat(wrongHeader.hasErrors())
                .as("a Retry-After that is not an integer is an error:%n%s", describe(wrongHeader))
                .isTrue();
    }

    // ---------------------------------------------------------------- info and operations

    @Test
    void infoAndOperationalEndpoints() {
        ApiClient anonymous = server.anonymous();
        ApiClient admin = server.admin();
        exchange(anonymous, "GET", "/api/v2/info", null, 200);
        exchange(admin, "GET", "/api/v2/info", null, 200);
        exchange(anonymous, "GET", "/healthz", null, 200);
        exchange(anonymous, "GET", "/readyz", null, 200);

        ApiResponse metrics = exchange(admin, "GET", "/metrics", null, 200);
        assertThat(metrics.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        exchange(server.userWithRole("metrics-reader", "readonly"), "GET", "/metrics", null, 200);
        exchange(anonymous, "GET", "/metrics", null, 403);
    }

    // ---------------------------------------------------------------- login and logout

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1", "/api/v2"})
    void loginAndLogout(String base) {
        ApiClient client = server.anonymous();
        String login = base + "/auth/login";
        String logout = base + "/auth/logout";

        exchange(client, "GET", login, null, 200);
        exchangeInvalid(client, "POST", login, "{\"username\": \"admin\"}", 400);
        exchangeInvalid(client, "POST", login, "{\"username\": \"admin\", \"password\": \"\"}", 400);
        exchangeInvalid(client, "POST", login, "{\"username\": \"admin\", ", 400);
        exchangeInvalid(client, "POST", login, "[]", 400);
        exchangeInvalid(client, "POST", login, "username=admin", "text/plain", 415);
        exchange(client, "POST", login, credentials("admin", "wrong-password"), 401);
        exchange(client, "POST", login, credentials("admin", server.adminPassword()), 200);
        assertThat(client.cookie("calamari_sessionid")).isPresent();
        exchange(client, "GET", login, null, 200);

        exchange(client, "GET", logout, null, 200);
        exchange(client, "GET", logout, null, 200);
        exchange(client, "POST", login, credentials("admin", server.adminPassword()), 200);
        exchange(client, "POST", logout, null, 200);
        exchange(client, "POST", logout, null, 200);
        exchange(client, "GET", "/api/v2/user/me", null, 403);
    }

    @Test
    void throttledLogin() {
        ApiClient client = server.anonymous();
        exchange(client, "GET", "/api/v2/auth/login", null, 200);
        for (int attempt = 1; attempt <= 5; attempt++) {
            exchange(client, "POST", "/api/v2/auth/login", credentials("throttled", "wrong-password"), 401);
        }
        ApiResponse throttled =
                exchange(client, "POST", "/api/v2/auth/login", credentials("throttled", "wrong-password"), 429);
        assertThat(throttled.header("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }

    // ---------------------------------------------------------------- users

    @Test
    void users() {
        ApiClient admin = server.admin();
        ApiClient reader = server.userWithRole("reader", "readonly");
        ApiClient anonymous = server.anonymous();

        exchange(admin, "GET", "/api/v2/user", null, 200);
        exchange(reader, "GET", "/api/v2/user", null, 403);
        exchange(anonymous, "GET", "/api/v2/user", null, 403);

        ApiResponse created = exchange(
                admin,
                "POST",
                "/api/v2/user",
                "{\"username\": \"alice\", \"password\": \"alice-password\", \"email\": \"alice@example.com\","
                        + " \"role\": \"read/write\"}",
                201);
        long alice = created.json().get("id").asLong();
        exchange(admin, "POST", "/api/v2/user", "{\"username\": \"nopassword\"}", 201);
        exchangeInvalid(admin, "POST", "/api/v2/user", "{\"username\": \"bob\", \"role\": \"admin\"}", 400);
        exchangeInvalid(admin, "POST", "/api/v2/user", "{\"username\": \"bob\", \"colour\": \"blue\"}", 400);
        exchangeInvalid(admin, "POST", "/api/v2/user", "{\"username\": \"bob\", \"password\": \"short\"}", 400);
        exchangeInvalid(admin, "POST", "/api/v2/user", "{\"username\": \"bob smith\"}", 400);
        exchangeInvalid(admin, "POST", "/api/v2/user", "{\"email\": \"bob@example.com\"}", 400);
        exchange(admin, "POST", "/api/v2/user", "{\"username\": \"alice\"}", 409);
        exchange(reader, "POST", "/api/v2/user", "{\"username\": \"bob\"}", 403);
        exchange(anonymous, "POST", "/api/v2/user", "{\"username\": \"bob\"}", 403);

        exchange(reader, "GET", "/api/v2/user/me", null, 200);
        exchange(admin, "GET", "/api/v2/user/me", null, 200);
        exchange(admin, "GET", "/api/v2/user/" + alice, null, 200);
        exchange(reader, "GET", "/api/v2/user/" + alice, null, 403);
        exchange(admin, "GET", "/api/v2/user/999999", null, 404);
        exchange(anonymous, "GET", "/api/v2/user/me", null, 403);

        exchange(reader, "PATCH", "/api/v2/user/me", "{\"password\": \"reader-new-password\"}", 200);
        exchange(
                reader,
                "PUT",
                "/api/v2/user/me",
                "{\"password\": \"reader-newer-password\", \"email\": \"reader@example.com\"}",
                200);
        exchange(reader, "GET", "/api/v2/user/me", null, 200);
        exchange(reader, "PATCH", "/api/v2/user/" + alice, "{\"password\": \"stolen-password\"}", 403);
        exchange(reader, "PUT", "/api/v2/user/" + alice, "{\"password\": \"stolen-password\"}", 403);
        exchange(reader, "PATCH", "/api/v2/user/me", "{\"role\": \"superuser\"}", 403);
        exchangeInvalid(reader, "PATCH", "/api/v2/user/me", "{\"username\": \"renamed\"}", 400);
        exchangeInvalid(reader, "PUT", "/api/v2/user/me", "{\"password\": \"short\"}", 400);
        exchange(admin, "PATCH", "/api/v2/user/" + alice, "{\"enabled\": false, \"role\": \"readonly\"}", 200);
        exchange(admin, "PUT", "/api/v2/user/999999", "{\"email\": \"\"}", 404);
        exchange(admin, "PATCH", "/api/v2/user/me", "{\"role\": \"readonly\"}", 409);

        exchange(reader, "DELETE", "/api/v2/user/" + alice, null, 403);
        exchange(admin, "DELETE", "/api/v2/user/" + alice, null, 204);
        exchange(admin, "DELETE", "/api/v2/user/" + alice, null, 404);
        exchange(admin, "DELETE", "/api/v2/user/me", null, 409);
    }

    // ---------------------------------------------------------------- the audit log

    @Test
    void auditLog() {
        ApiClient admin = server.admin();
        exchange(admin, "POST", "/api/v2/user", "{\"username\": \"audited\", \"password\": \"audited-password\"}", 201);
        ApiResponse page = exchange(admin, "GET", "/api/v2/audit?page_size=2", null, 200);
        assertThat(page.json().get("results")).hasSize(2);
        exchange(admin, "GET", "/api/v2/audit?user=admin&outcome=login&since=2026-01-01T00:00:00Z", null, 200);
        exchange(admin, "GET", "/api/v2/audit?user=nobody", null, 200);
        exchange(admin, "GET", "/api/v2/audit?page=999", null, 400);
        exchangeInvalid(admin, "GET", "/api/v2/audit?page=0", null, 400);
        exchangeInvalid(admin, "GET", "/api/v2/audit?since=yesterday", null, 400);
        exchangeInvalid(admin, "GET", "/api/v2/audit?outcome=won", null, 400);
        exchange(server.userWithRole("audit-reader", "readonly"), "GET", "/api/v2/audit", null, 403);
        exchange(server.anonymous(), "GET", "/api/v2/audit", null, 403);
    }

    // ---------------------------------------------------------------- a server still starting

    @Test
    void serverStillStartingAnswersAsDocumented() throws Exception {
        ServerConfig config = ServerConfig.defaults(Files.createTempDirectory("calamari-starting"), 0)
                .withDatabase(DatabaseConfig.of("jdbc:postgresql://127.0.0.1:1/calamari"));
        try (CalamariServer starting = CalamariServer.start(config, MutableClock.atFixedStart())) {
            assertThat(starting.isReady()).isFalse();
            ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + starting.port()));
            exchange(client, "GET", "/healthz", null, 200);
            exchange(client, "GET", "/readyz", null, 503);
            exchange(client, "GET", "/api/v2/info", null, 503);
            exchange(client, "GET", "/api/v2/auth/login", null, 503);
            exchange(client, "POST", "/api/v2/auth/login", credentials("admin", "whatever-password"), 503);
            exchange(client, "GET", "/api/v2/user", null, 503);
            exchange(client, "GET", "/metrics", null, 503);
            exchange(client, "GET", "/api/v2/openapi.yaml", null, 503);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Sends a request the document allows, checks the status, and validates request and response. */
    private static ApiResponse exchange(
            ApiClient client, String method, String path, @Nullable String body, int expectedStatus) {
        SimpleRequest request = request(client, method, path, body, "application/json");
        ApiResponse response = client.send(method, path, body, "application/json");
        assertThat(response.status()).as("status of %s", response).isEqualTo(expectedStatus);
        ValidationReport report = validator.validate(request, response(response));
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, describe(report))
                .isFalse();
        return response;
    }

    private static ApiResponse exchangeInvalid(
            ApiClient client, String method, String path, String body, int expectedStatus) {
        return exchangeInvalid(client, method, path, body, "application/json", expectedStatus);
    }

    /**
     * Sends a request the server rejects: the document must reject it too, and must describe the
     * server's answer.
     */
    private static ApiResponse exchangeInvalid(
            ApiClient client, String method, String path, String body, String contentType, int expectedStatus) {
        SimpleRequest request = request(client, method, path, body, contentType);
        ApiResponse response = client.send(method, path, body, contentType);
        assertThat(response.status()).as("status of %s", response).isEqualTo(expectedStatus);
        assertThat(validator.validateRequest(request).hasErrors())
                .as("the server rejects %s %s with %s, but the OpenAPI document accepts it", method, body, response)
                .isTrue();
        ValidationReport report = validator.validateResponse(stripQuery(path), request.getMethod(), response(response));
        assertThat(report.hasErrors())
                .as("%s does not match the OpenAPI document:%n%s", response, describe(report))
                .isFalse();
        return response;
    }

    /**
     * The request as ApiClient sends it, query parameters included (the CSRF header is echoed from the
     * cookie on unsafe methods).
     */
    private static SimpleRequest request(
            ApiClient client, String method, String path, @Nullable String body, String contentType) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, stripQuery(path));
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String parameter : path.substring(query + 1).split("&")) {
                String[] nameAndValue = parameter.split("=", 2);
                request.withQueryParam(
                        URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(nameAndValue.length > 1 ? nameAndValue[1] : "", StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            request.withContentType(contentType).withBody(body);
        }
        if (UNSAFE_METHODS.contains(method)) {
            client.cookie("XSRF-TOKEN").ifPresent(token -> request.withHeader("X-XSRF-TOKEN", token));
        }
        return request.build();
    }

    private static SimpleResponse response(ApiResponse response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                builder.withHeader(name, values);
            }
        });
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static String credentials(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream()
                .map(ValidationReport.Message::getKey)
                .toList();
    }

    private static String describe(ValidationReport report) {
        List<String> lines = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            lines.add("  [" + message.getLevel() + "] " + message.getKey() + ": " + message.getMessage()
                    + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo()));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static Set<String> documentedOperations(OpenAPI api) {
        Set<String> operations = new TreeSet<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .keySet()
                        .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(yaml, null, options);
    }

    private static String readDocument() throws IOException {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream(ApiDocsRoutes.DOCUMENT_RESOURCE)) {
            assertThat(in).as("resource %s", ApiDocsRoutes.DOCUMENT_RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
