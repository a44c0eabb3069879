package io.calamari.server.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/** Following requests through the API in tests. */
public final class RequestAwait {
    private RequestAwait() {}

    /** The request id of a 202 answer. */
    public static String accepted(ApiResponse response) {
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        return response.json().get("request_id").asString();
    }

    /** Polls the request until it is complete and returns it. */
    public static JsonNode complete(ApiClient client, String requestId, Duration atMost) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode request = client.get("/api/v2/request/" + requestId).json();
            last.set(request);
            return request.get("state").asString().equals("complete");
        });
        return last.get();
    }

    /** Polls the request until it is complete and asserts it succeeded. */
    public static JsonNode succeeded(ApiClient client, String requestId) {
        JsonNode request = complete(client, requestId, Duration.ofSeconds(120));
        assertThat(request.get("error").asBoolean())
                .as("request %s failed: %s", requestId, request)
                .isFalse();
        assertThat(request.get("status").asString()).isEqualTo("Completed successfully");
        return request;
    }
}
