package io.calamari.server.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import org.junit.jupiter.api.Test;

/** The action text: summary, redacted compact JSON, nothing secret ever, at most 4 KiB. */
class AuditActionTest {
    private final AuditAction actions = new AuditAction(Json.newMapper());

    @Test
    void summaryAloneWithoutBody() {
        assertThat(actions.describe("DELETE", "/api/v2/user/{id}", "")).isEqualTo("DELETE /api/v2/user/{id}");
        assertThat(actions.describe("POST", "/api/v2/auth/logout", "  \n")).isEqualTo("POST /api/v2/auth/logout");
    }

    @Test
    void bodyIsCompactJsonWithSecretsReplacedAtAnyDepthAndInAnyCase() {
        String action = actions.describe("POST", "/api/v2/user", """
                {"username": "alice", "password": "hunter2-hunter2",
                 "nested": {"Client_Secret": "s3cr3t", "keep": 1, "list": [{"api_token": "t0k3n"}, 2]},
                 "passwordless": {"x": "whole-object-hidden"}}
                """);

        assertThat(action)
                .isEqualTo("POST /api/v2/user {\"username\":\"alice\",\"password\":\"********\","
                        + "\"nested\":{\"Client_Secret\":\"********\",\"keep\":1,\"list\":[{\"api_token\":\"********\"},2]},"
                        + "\"passwordless\":\"********\"}");
        assertThat(action).doesNotContain("hunter2", "s3cr3t", "t0k3n", "whole-object-hidden");
    }

    @Test
    void bodyThatIsNotJsonIsNotRecorded() {
        String action = actions.describe("POST", "/api/v2/auth/login", "username=admin&password=hunter2");
        assertThat(action).isEqualTo("POST /api/v2/auth/login <not JSON, 31 bytes, not recorded>");

        String truncatedJson = actions.describe("POST", "/api/v2/auth/login", "{\"password\": \"hunter2\"");
        assertThat(truncatedJson).doesNotContain("hunter2").contains("not JSON");
    }

    @Test
    void longActionsAreCutToFourKibibytesOfUtf8OnACharacterBoundary() {
        String body = "{\"email\": \"" + "é".repeat(5000) + "\"}";
        String action = actions.describe("PATCH", "/api/v2/user/{id}", body);

        assertThat(action.getBytes(UTF_8).length).isLessThanOrEqualTo(AuditAction.MAX_BYTES);
        assertThat(action.getBytes(UTF_8).length).isGreaterThan(AuditAction.MAX_BYTES - 4);
        assertThat(action).startsWith("PATCH /api/v2/user/{id} {\"email\":\"éé").endsWith("é…");

        String exactlyFits = "x".repeat(AuditAction.MAX_BYTES);
        assertThat(AuditAction.truncate(exactlyFits)).isEqualTo(exactlyFits);
        assertThat(AuditAction.truncate(exactlyFits + "y"))
                .hasSize(AuditAction.MAX_BYTES - 2)
                .endsWith("x…");
        String emoji = "😀".repeat(2000);
        assertThat(AuditAction.truncate(emoji)).isEqualTo("😀".repeat(1023) + "…");
    }
}
