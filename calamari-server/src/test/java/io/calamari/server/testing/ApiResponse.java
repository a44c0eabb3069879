package io.calamari.server.testing;

import io.calamari.protocol.Json;
import java.net.http.HttpHeaders;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One HTTP response as tests see it. */
public record ApiResponse(int status, HttpHeaders headers, String body, String method, String path) {
    private static final ObjectMapper MAPPER = Json.newMapper();

    public JsonNode json() {
        return MAPPER.readTree(body);
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return method + " " + path + " → " + status + " " + body;
    }
}
