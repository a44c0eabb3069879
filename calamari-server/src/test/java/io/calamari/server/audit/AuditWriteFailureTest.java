package io.calamari.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Nothing is acknowledged that the audit log does not hold: when the entry cannot be written, the
 * client is answered 500 and gets none of the handler's headers (no session cookie for a login).
 */
class AuditWriteFailureTest {
    @Test
    void aRequestThatCannotBeRecordedIsAnswered500() throws Exception {
        try (TestServer server = TestServer.start()) {
            ApiClient admin = server.admin();
            try (Database database =
                    Database.open(DatabaseConfig.sqliteIn(server.dataDirectory()), new SimpleMeterRegistry())) {
                database.jdbi().useHandle(handle -> handle.execute("DROP TABLE audit_log"));
            }

            ApiResponse create =
                    admin.post("/api/v2/user", "{\"username\": \"dave\", \"password\": \"dave-password\"}");
            assertThat(create.status()).isEqualTo(500);
            assertThat(create.json().get("detail").asString()).isEqualTo("Internal server error.");

            ApiClient client = server.anonymous();
            ApiResponse login = client.tryLogin(TestServer.ADMIN, server.adminPassword());
            assertThat(login.status()).isEqualTo(500);
            assertThat(login.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(client.cookie("calamari_sessionid")).isEmpty();

            assertThat(admin.get("/api/v2/user/me").status())
                    .as("reads are not audited and still work")
                    .isEqualTo(200);
        }
    }
}
