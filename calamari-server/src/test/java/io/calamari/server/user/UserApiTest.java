package io.calamari.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v2/user}: Calamari's fields and rules, plus the superuser-only management of others. */
class UserApiTest {
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void superuserCreatesAndListsUsersWithoutEverSeeingPasswords() {
        ApiResponse created = admin.post(
                "/api/v2/user",
                "{\"username\": \"erin\", \"email\": \"erin@example.com\", \"password\": \"erin-password\", \"role\": \"readonly\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().propertyNames())
                .containsExactlyInAnyOrder("id", "username", "email", "role", "enabled");
        assertThat(created.json().get("role").asString()).isEqualTo("readonly");
        ApiResponse list = admin.get("/api/v2/user");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"erin\"").doesNotContain("password", "argon2");
        assertThat(server.anonymous().tryLogin("erin", "erin-password").status())
                .isEqualTo(200);
    }

    @Test
    void defaultRoleIsReadWrite() {
        ApiResponse created = admin.post("/api/v2/user", "{\"username\": \"frank\", \"password\": \"frank-password\"}");
        assertThat(created.json().get("role").asString()).isEqualTo("read/write");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void invalidInputIsReportedFieldByFieldAndCreatesNothing() {
        ApiResponse response = admin.post(
                "/api/v2/user",
                "{\"username\": \"bad name!\", \"email\": \"not-an-address\", \"password\": \"short\", \"color\": \"red\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("color").get(0).asString()).isEqualTo("Not allowed during POST");
        ApiResponse semantic = admin.post(
                "/api/v2/user",
                "{\"username\": \"bad name!\", \"email\": \"not-an-address\", \"password\": \"short\"}");
        assertThat(semantic.status()).isEqualTo(400);
        assertThat(semantic.json().propertyNames()).containsExactlyInAnyOrder("username", "email", "password");
        assertThat(admin.get("/api/v2/user").body()).doesNotContain("bad name");

        ApiResponse badRole = admin.post("/api/v2/user", "{\"username\": \"gina\", \"role\": \"admin\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().get("role").get(0).asString()).contains("readonly, read/write, superuser");
        ApiResponse missing = admin.post("/api/v2/user", "{}");
        assertThat(missing.json().get("username").get(0).asString()).isEqualTo("This field is required.");
    }

    @Test
    void duplicateUsernameIsAConflict() {
        admin.post("/api/v2/user", "{\"username\": \"hank\", \"password\": \"hank-password\"}");
        ApiResponse again = admin.post("/api/v2/user", "{\"username\": \"hank\", \"password\": \"hank-password\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("already exists");
    }

    @Test
    void usersSeeThemselvesButNotOthers() {
        ApiClient ivy = server.userWithRole("ivy", "read/write");
        long adminId = admin.get("/api/v2/user/me").json().get("id").asLong();
        ApiResponse me = ivy.get("/api/v2/user/me");
        long ivyId = me.json().get("id").asLong();

        assertThat(me.json().get("username").asString()).isEqualTo("ivy");
        assertThat(ivy.get("/api/v2/user/" + ivyId).status()).isEqualTo(200);
        assertThat(ivy.get("/api/v2/user/" + adminId).status()).isEqualTo(403);
        assertThat(ivy.get("/api/v2/user").status())
                .as("only superusers list users")
                .isEqualTo(403);
        assertThat(admin.get("/api/v2/user/" + ivyId).status()).isEqualTo(200);
        assertThat(admin.get("/api/v2/user/999999").status()).isEqualTo(404);
        assertThat(admin.get("/api/v2/user/abc").status()).isEqualTo(404);
    }

    @Test
    void onlySuperusersChangeOthersRolesAndAccounts() {
        ApiClient jack = server.userWithRole("jack", "read/write");
        long adminId = admin.get("/api/v2/user/me").json().get("id").asLong();

        ApiResponse others = jack.patch("/api/v2/user/" + adminId, "{\"password\": \"taken-over-1\"}");
        assertThat(others.status()).isEqualTo(403);
        assertThat(others.json().get("detail").asString()).isEqualTo("May not change another user's password");
        assertThat(jack.patch("/api/v2/user/me", "{\"role\": \"superuser\"}").status())
                .isEqualTo(403);
        assertThat(jack.get("/api/v2/user/me").json().get("role").asString()).isEqualTo("read/write");
        assertThat(jack.post("/api/v2/user", "{\"username\": \"kim\"}").status())
                .isEqualTo(403);

        long jackId = jack.get("/api/v2/user/me").json().get("id").asLong();
        ApiResponse promoted =
                admin.put("/api/v2/user/" + jackId, "{\"role\": \"superuser\", \"email\": \"jack@example.com\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("role").asString()).isEqualTo("superuser");
        assertThat(promoted.json().get("email").asString()).isEqualTo("jack@example.com");
    }

    @Test
    void deletionIsForSuperusersAndNeverOfYourself() {
        ApiClient leo = server.userWithRole("leo", "read/write");
        long leoId = leo.get("/api/v2/user/me").json().get("id").asLong();
        long adminId = admin.get("/api/v2/user/me").json().get("id").asLong();

        assertThat(leo.delete("/api/v2/user/" + adminId).status()).isEqualTo(403);
        assertThat(admin.delete("/api/v2/user/" + adminId).status()).isEqualTo(409);
        assertThat(admin.delete("/api/v2/user/" + leoId).status()).isEqualTo(204);
        assertThat(admin.get("/api/v2/user/" + leoId).status()).isEqualTo(404);
        assertThat(leo.get("/api/v2/user/me").status())
                .as("a deleted user's session dies")
                .isEqualTo(403);
        assertThat(admin.delete("/api/v2/user/" + leoId).status()).isEqualTo(404);
    }

    @Test
    void theLastEnabledSuperuserCannotBeDemotedOrDisabled() throws Exception {
        try (TestServer fresh = TestServer.start()) {
            ApiClient onlyAdmin = fresh.admin();
            long id = onlyAdmin.get("/api/v2/user/me").json().get("id").asLong();
            ApiResponse demote = onlyAdmin.patch("/api/v2/user/" + id, "{\"role\": \"readonly\"}");
            assertThat(demote.status()).isEqualTo(409);
            assertThat(demote.json().get("detail").asString()).contains("superuser");
            assertThat(onlyAdmin
                            .patch("/api/v2/user/" + id, "{\"enabled\": false}")
                            .status())
                    .isEqualTo(409);
            assertThat(onlyAdmin.get("/api/v2/user/me").json().get("role").asString())
                    .isEqualTo("superuser");
        }
    }

    @Test
    void shortNewPasswordIsRejected() {
        ApiClient mia = server.userWithRole("mia", "readonly");
        ApiResponse response = mia.patch("/api/v2/user/me", "{\"password\": \"1234\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("password").get(0).asString()).contains("at least 8 characters");
        assertThat(server.anonymous().tryLogin("mia", "mia-password").status()).isEqualTo(200);
    }
}
