package io.calamari.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import io.calamari.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole server on PostgreSQL instead of SQLite: start-up, bootstrap, login, users, sessions, audit. */
class PostgresServerApiTest {
    @Test
    void serverRunsOnPostgresql() throws Exception {
        String url = PostgresServer.shared().createDatabase();
        try (TestServer server = TestServer.start(DatabaseConfig.of(url))) {
            ApiClient admin = server.admin();
            assertThat(admin.post("/api/v2/user", "{\"username\": \"tess\", \"password\": \"tess-password\"}")
                            .status())
                    .isEqualTo(201);
            ApiClient tess = server.anonymous().login("tess", "tess-password");
            assertThat(tess.get("/api/v2/user/me").json().get("username").asString())
                    .isEqualTo("tess");
            assertThat(admin.get("/metrics").body()).contains("hikaricp_connections");
            JsonNode audit = admin.get("/api/v2/audit?user=tess").json();
            assertThat(audit.get("count").asInt())
                    .as("tess's login is in the audit log")
                    .isEqualTo(1);
            assertThat(audit.get("results").get(0).get("outcome").asString()).isEqualTo("login");
        }
        try (TestServer restarted = TestServer.start(DatabaseConfig.of(url))) {
            assertThat(restarted.anonymous().tryLogin("tess", "tess-password").status())
                    .as("users persist across restarts; no second admin is bootstrapped")
                    .isEqualTo(200);
        }
    }
}
