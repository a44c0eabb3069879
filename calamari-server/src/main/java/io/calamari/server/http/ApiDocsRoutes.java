package io.calamari.server.http;

import io.calamari.server.error.CalamariException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The API contract and its browser: {@code GET /api/v2/openapi.yaml} (the hand-written OpenAPI
 * document) and {@code GET /api/docs} (Swagger UI from its WebJar). Anonymous, like Calamari's
 * browsable API root. {@code GET /} redirects to the docs until the dashboard exists.
 */
public final class ApiDocsRoutes implements RouteGroup {
    public static final String DOCUMENT_RESOURCE = "/openapi/calamari-v2.yaml";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "calamari-initializer.js", "text/javascript");

    private final byte[] document;
    private final byte[] indexPage;
    private final String swaggerUiVersion;

    public ApiDocsRoutes() {
        this.document = read(DOCUMENT_RESOURCE);
        this.indexPage = read("/apidocs/index.html");
        this.swaggerUiVersion = webjarVersion();
    }

    @Override
    public void addTo(ApiRouter router) {
        router.get(
                "/api/v2/openapi.yaml",
                Access.PUBLIC,
                ctx -> ctx.contentType("application/yaml").result(document));
        router.get("/api/docs", Access.PUBLIC, ctx -> ctx.html(new String(indexPage, StandardCharsets.UTF_8)));
        router.get("/api/docs/{asset}", Access.PUBLIC, this::asset);
        router.get("/", Access.PUBLIC, ctx -> ctx.redirect("/api/docs"));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String contentType = ASSETS.get(name);
        if (contentType == null) {
            throw CalamariException.notFound("Not found.");
        }
        String resource = name.startsWith("calamari-") ? "/apidocs/" + name : WEBJAR + swaggerUiVersion + "/" + name;
        ctx.header("Cache-Control", "public, max-age=86400")
                .contentType(contentType)
                .result(read(resource));
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in =
                ApiDocsRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
