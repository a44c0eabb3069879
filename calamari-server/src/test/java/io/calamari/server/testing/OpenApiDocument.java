package io.calamari.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.calamari.server.http.ApiDocsRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The server's OpenAPI document for contract tests: a validator of exchanges against it, and the
 * conversions from what {@link ApiClient} sends and receives to what the validator reads.
 */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    /** The document as served. */
    public static String text() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(ApiDocsRoutes.DOCUMENT_RESOURCE)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A validator that reports everything as an error except what a test client cannot show: the
     * session cookie and CSRF header (sent by ApiClient, not modelled here), and the validator's
     * habit of injecting {@code additionalProperties: false}.
     */
    public static OpenApiInteractionValidator validator() {
        return OpenApiInteractionValidator.createForInlineApiSpecification(text())
                .withLevelResolver(LevelResolver.create()
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.parameter.header.missing", ValidationReport.Level.IGNORE)
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** The request, query parameters included. */
    public static SimpleRequest request(String method, String pathAndQuery, @Nullable String body, String contentType) {
        int query = pathAndQuery.indexOf('?');
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(method, query < 0 ? pathAndQuery : pathAndQuery.substring(0, query));
        if (query >= 0) {
            for (String parameter : pathAndQuery.substring(query + 1).split("&")) {
                String[] nameAndValue = parameter.split("=", 2);
                request.withQueryParam(
                        URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(nameAndValue.length > 1 ? nameAndValue[1] : "", StandardCharsets.UTF_8));
            }
        }
        if (body != null) {
            request.withContentType(contentType).withBody(body);
        }
        return request.build();
    }

    public static SimpleResponse response(ApiResponse response) {
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

    /** The report's messages, one per line, for assertion messages. */
    public static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  [" + message.getLevel() + "] " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
