package io.calamari.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may do what: every kind of route access × safe and unsafe methods × anonymous, readonly,
 * read/write and superuser, against a real server with probe routes added. The expected statuses are
 * written out here, independently of the gate's code.
 */
class AccessMatrixTest {
    private static TestServer server;
    private static Map<String, ApiClient> clients;

    /** A GET and a POST route for each kind of access, answering {"ok": true}. */
    private static final RouteGroup PROBE_ROUTES = router -> {
        for (Access access : List.of(Access.PUBLIC, Access.ROLE_BASED, Access.ANY_USER, Access.SUPERUSER)) {
            String path = "/api/v2/probe/" + access.name().toLowerCase(Locale.ROOT);
            router.get(path, access, ctx -> ctx.json(Map.of("ok", true)));
            router.post(path, access, ctx -> ctx.json(Map.of("ok", true)));
        }
    };

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(List.of(PROBE_ROUTES));
        clients = Map.of(
                "anonymous", server.anonymous(),
                "readonly", server.userWithRole("reader", "readonly"),
                "read/write", server.userWithRole("writer", "read/write"),
                "superuser", server.admin());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0} {1}: anonymous {2}, readonly {3}, read/write {4}, superuser {5}")
    @CsvSource({
        // access,   method, anonymous, readonly, read/write, superuser
        "public,      GET,   200, 200, 200, 200",
        "public,      POST,  200, 200, 200, 200",
        "role_based,  GET,   403, 200, 200, 200",
        "role_based,  POST,  403, 403, 200, 200",
        "any_user,    GET,   403, 200, 200, 200",
        "any_user,    POST,  403, 200, 200, 200",
        "superuser,   GET,   403, 403, 403, 200",
        "superuser,   POST,  403, 403, 403, 200",
    })
    void statusByRoleAndMethod(
            String access, String method, int anonymous, int readonly, int readWrite, int superuser) {
        Map<String, Integer> expected =
                Map.of("anonymous", anonymous, "readonly", readonly, "read/write", readWrite, "superuser", superuser);
        expected.forEach((role, status) -> {
            ApiResponse response = clients.get(role)
                    .send(method, "/api/v2/probe/" + access, method.equals("POST") ? "{}" : null, "application/json");
            assertThat(response.status()).as("%s as %s", response, role).isEqualTo(status);
            if (status == 403) {
                assertThat(response.json().get("detail").asString())
                        .isIn(SecurityGate.NO_CREDENTIALS, SecurityGate.NO_PERMISSION);
            }
        });
    }

    @Test
    void anonymousIsToldCredentialsAreMissing() {
        ApiResponse response = clients.get("anonymous").get("/api/v2/probe/role_based");
        assertThat(response.json().get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
    }

    @Test
    void unsafeMethodWithoutCsrfHeaderIsRefused() {
        ApiClient writer = server.userWithRole("nocsrf", "read/write").withoutCsrfHeader();
        ApiResponse response = writer.post("/api/v2/probe/role_based", "{}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("detail").asString()).isEqualTo("CSRF Failed: CSRF token missing or incorrect.");
        assertThat(writer.get("/api/v2/probe/role_based").status())
                .as("safe methods need no token")
                .isEqualTo(200);
    }

    @Test
    void csrfTokenNotDerivedFromTheSessionIsRefusedEvenWhenCookieAndHeaderMatch() {
        ApiClient writer = server.userWithRole("forger", "read/write");
        writer.setCookie(Cookies.CSRF, "attacker-chosen-value");
        assertThat(writer.cookie(Cookies.CSRF)).contains("attacker-chosen-value");
        ApiResponse response = writer.post("/api/v2/probe/any_user", "{}");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("CSRF Failed");
    }

    @Test
    void readonlyUsersSeeOnlySafeMethodsInAllow() {
        assertThat(clients.get("readonly").get("/api/v2/probe/role_based").header("Allow"))
                .contains("GET, HEAD, OPTIONS");
        assertThat(clients.get("read/write").get("/api/v2/probe/role_based").header("Allow"))
                .contains("GET, POST, HEAD, OPTIONS");
        ApiResponse options =
                clients.get("readonly").send("OPTIONS", "/api/v2/probe/role_based", null, "application/json");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Allow")).contains("GET, HEAD, OPTIONS");
    }

    @Test
    void headAnswersLikeGetWithoutBody() {
        ApiResponse head = clients.get("readonly").send("HEAD", "/api/v2/probe/role_based", null, "application/json");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }
}
