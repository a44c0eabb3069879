package io.calamari.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Login, logout, sessions and throttling through the real HTTP API, as Calamari's clients use them. */
class AuthApiTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1", "/api/v2"})
    void loginFlowSetsCookiesAndOpensTheApi(String base) {
        ApiClient client = server.anonymous();
        ApiResponse form = client.get(base + "/auth/login");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).isEqualTo("{}");
        String anonymousToken = client.cookie("XSRF-TOKEN").orElseThrow();

        ApiResponse login = client.post(
                base + "/auth/login", "{\"username\": \"admin\", \"password\": \"" + server.adminPassword() + "\"}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("{}");
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("calamari_sessionid=")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .doesNotContain("Secure"))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").doesNotContain("HttpOnly"));
        assertThat(client.cookie("XSRF-TOKEN")).isPresent().get().isNotEqualTo(anonymousToken);
        assertThat(client.get("/api/v2/user/me").json().get("username").asString())
                .isEqualTo("admin");
    }

    @Test
    void cookiesAreSecureBehindATlsProxy() {
        ApiClient client = server.anonymous().withHeader("X-Forwarded-Proto", "https");
        ApiResponse login = client.tryLogin("admin", server.adminPassword());
        assertThat(login.headers().allValues("Set-Cookie")).hasSize(2).allMatch(cookie -> cookie.contains("; Secure"));
    }

    @Test
    void missingFieldsAreReportedPerField() {
        ApiResponse response = server.anonymous().post("/api/v2/auth/login", "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("username").get(0).asString()).isEqualTo("This field is required.");
        assertThat(response.json().get("password").get(0).asString()).isEqualTo("This field is required.");

        ApiResponse onlyName = server.anonymous().post("/api/v2/auth/login", "{\"username\": \"admin\"}");
        assertThat(onlyName.status()).isEqualTo(400);
        assertThat(onlyName.json().has("username")).isFalse();
        assertThat(onlyName.json().has("password")).isTrue();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        ApiResponse wrongPassword = server.anonymous().tryLogin("admin", "not-the-password");
        ApiResponse unknownUser = server.anonymous().tryLogin("nobody", "whatever-password");
        for (ApiResponse response : new ApiResponse[] {wrongPassword, unknownUser}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"User authentication failed\"}");
            assertThat(response.headers().allValues("Set-Cookie"))
                    .noneMatch(cookie -> cookie.startsWith("calamari_sessionid="));
        }
    }

    @Test
    void disabledUsersCannotLogInAndLoseTheirSessions() {
        ApiClient user = server.userWithRole("carol", "read/write");
        ApiClient admin = server.admin();
        long id = user.get("/api/v2/user/me").json().get("id").asLong();

        assertThat(admin.patch("/api/v2/user/" + id, "{\"enabled\": false}").status())
                .isEqualTo(200);

        assertThat(user.get("/api/v2/user/me").status()).isEqualTo(403);
        assertThat(server.anonymous().tryLogin("carol", "carol-password").status())
                .isEqualTo(401);
        assertThat(admin.patch("/api/v2/user/" + id, "{\"enabled\": true}").status())
                .isEqualTo(200);
        assertThat(server.anonymous().tryLogin("carol", "carol-password").status())
                .isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionServerSide() {
        ApiClient client = server.admin();
        String stolenCookie = client.cookie("calamari_sessionid").orElseThrow();

        ApiResponse logout = client.post("/api/v2/auth/logout", "{}");

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.body()).isEqualTo("{\"message\":\"Logged out\"}");
        ApiClient thief = server.anonymous();
        thief.setCookie("calamari_sessionid", stolenCookie);
        assertThat(thief.get("/api/v2/user/me").status()).isEqualTo(403);
        assertThat(server.anonymous()
                        .get("/api/v2/auth/logout")
                        .json()
                        .get("message")
                        .asString())
                .as("logging out without a session also answers")
                .isEqualTo("Logged out");
    }

    @Test
    void passwordChangeRevokesOtherSessionsButKeepsTheCurrentOne() {
        server.userWithRole("dave", "readonly");
        ApiClient laptop = server.anonymous().login("dave", "dave-password");
        ApiClient phone = server.anonymous().login("dave", "dave-password");

        ApiResponse change = laptop.patch("/api/v2/user/me", "{\"password\": \"new-dave-password\"}");

        assertThat(change.status())
                .as("readonly users may change their own password")
                .isEqualTo(200);
        assertThat(laptop.get("/api/v2/user/me").status()).isEqualTo(200);
        assertThat(phone.get("/api/v2/user/me").status()).isEqualTo(403);
        assertThat(server.anonymous().tryLogin("dave", "dave-password").status())
                .isEqualTo(401);
        assertThat(server.anonymous().tryLogin("dave", "new-dave-password").status())
                .isEqualTo(200);
    }

    @Test
    void sessionsExpireAfterTheIdleTimeoutButActivityKeepsThemAlive() {
        ApiClient client = server.admin();
        for (int hop = 0; hop < 3; hop++) {
            server.clock().advance(Duration.ofMinutes(50));
            assertThat(client.get("/api/v2/user/me").status())
                    .as("active after hop %d", hop)
                    .isEqualTo(200);
        }
        server.clock().advance(Duration.ofMinutes(61));
        assertThat(client.get("/api/v2/user/me").status()).isEqualTo(403);
    }

    @Test
    void repeatedFailuresAreThrottledWithRetryAfterAndThenForgiven() {
        for (int attempt = 0; attempt < LoginThrottle.USER_THRESHOLD; attempt++) {
            assertThat(server.anonymous().tryLogin("admin", "guess-" + attempt).status())
                    .isEqualTo(401);
        }
        ApiResponse throttled = server.anonymous().tryLogin("admin", server.adminPassword());

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(Long.parseLong(throttled.header("Retry-After").orElseThrow()))
                .isBetween(1L, 900L);
        assertThat(throttled.json().get("detail").asString()).startsWith("Too many failed login attempts");

        server.clock()
                .advance(Duration.ofSeconds(
                        Long.parseLong(throttled.header("Retry-After").orElseThrow())));
        assertThat(server.anonymous().tryLogin("admin", server.adminPassword()).status())
                .as("the real user gets in once the wait is over")
                .isEqualTo(200);
    }

    @Test
    void infoAndProbesNeedNoLoginButEverythingElseDoes() {
        ApiClient anonymous = server.anonymous();
        ApiResponse info = anonymous.get("/api/v2/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("license").asString()).isEqualTo("N/A");
        assertThat(info.json().has("fqdn")).isTrue();
        assertThat(anonymous.get("/healthz").json().get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.get("/readyz").json().get("status").asString()).isEqualTo("READY");
        assertThat(anonymous.get("/metrics").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v2/user/me").status()).isEqualTo(403);
    }

    @Test
    void errorsAreJsonWithCalamariShapes() {
        ApiClient admin = server.admin();
        ApiResponse notFound = admin.get("/api/v2/no-such-thing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"detail\":\"Not found.\"}");

        ApiResponse wrongMethod = admin.delete("/api/v2/info");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("detail").asString()).isEqualTo("Method \"DELETE\" not allowed.");

        ApiResponse notJson = admin.send("POST", "/api/v2/user", "username=x", "application/x-www-form-urlencoded");
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.json().get("detail").asString()).contains("application/x-www-form-urlencoded");

        ApiResponse malformed = admin.post("/api/v2/user", "{\"username\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).startsWith("JSON parse error");
        assertThat(malformed.body()).doesNotContain("at io.calamari", "Exception");
    }

    @Test
    void trailingSlashesWork() {
        assertThat(server.anonymous().get("/api/v2/info/").status()).isEqualTo(200);
        assertThat(server.admin().get("/api/v2/user/").status()).isEqualTo(200);
    }
}
