package io.calamari.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.ApiTime;
import io.calamari.server.db.Database;
import io.calamari.server.db.DatabaseConfig;
import io.calamari.server.error.CalamariException;
import io.calamari.server.error.ErrorCode;
import io.calamari.server.http.Access;
import io.calamari.server.http.RouteGroup;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit log through the API: what each kind of mutating request, login and logout leaves in it,
 * as seen by a superuser at {@code /api/v2/audit}, and that no password ever reaches the table.
 */
class AuditApiTest {
    private static final String PROBE = "/api/v2/cluster/%s/probe";
    private static final String PROBE_REQUEST_ID = "5b9a3c1e-0d2f-4c6b-8a7e-1f2e3d4c5b6a";

    /** Cluster-scoped mutations: POST creates an asynchronous request, PATCH 503s, DELETE breaks. */
    private static final RouteGroup CLUSTER_PROBES = router -> {
        String path = "/api/v2/cluster/{fsid}/probe";
        router.post(path, Access.ROLE_BASED, ctx -> {
            ctx.attribute(AuditLog.REQUEST_ID_ATTRIBUTE, PROBE_REQUEST_ID);
            ctx.status(202).json(Map.of("request_id", PROBE_REQUEST_ID));
        });
        router.patch(path, Access.ROLE_BASED, ctx -> {
            throw new CalamariException(ErrorCode.CLUSTER_UNAVAILABLE, "Cluster not reachable");
        });
        router.delete(path, Access.ROLE_BASED, ctx -> {
            throw new IllegalStateException("a bug in a handler");
        });
    };

    private static TestServer server;
    private static ApiClient admin;
    private static ApiClient writer;
    private static Database database;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(List.of(CLUSTER_PROBES));
        admin = server.admin();
        writer = server.userWithRole("wanda", "read/write");
        database = Database.open(DatabaseConfig.sqliteIn(server.dataDirectory()), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopServer() {
        database.close();
        server.close();
    }

    @Test
    void creatingAndChangingAUserIsRecordedWithWhoWhereWhatAndHowItEnded() {
        server.clock().advance(Duration.ofMinutes(1));
        ApiResponse created = admin.post(
                "/api/v2/user",
                "{\"username\": \"carol\", \"password\": \"carol-password-1\", \"email\": \"carol@example.com\"}");
        assertThat(created.status()).isEqualTo(201);
        long carol = created.json().get("id").asLong();
        server.clock().advance(Duration.ofSeconds(5));
        assertThat(admin.patch("/api/v2/user/" + carol, "{\"email\": \"c@example.com\", \"password\": \"carol-pw-2a\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v2/user/" + carol).status()).isEqualTo(200);
        assertThat(admin.send("HEAD", "/api/v2/user", null, "application/json").status())
                .isEqualTo(200);

        List<JsonNode> entries = audit("user=admin&page_size=2");
        JsonNode patch = entries.get(0);
        assertThat(patch.get("id").asLong())
                .isGreaterThan(entries.get(1).get("id").asLong());
        assertThat(patch.get("at").asString())
                .isEqualTo(ApiTime.format(server.clock().instant()));
        assertThat(patch.get("user").asString()).isEqualTo("admin");
        assertThat(patch.get("address").asString()).isEqualTo("127.0.0.1");
        assertThat(patch.get("method").asString()).isEqualTo("PATCH");
        assertThat(patch.get("path").asString()).isEqualTo("/api/v2/user/" + carol);
        assertThat(patch.get("fsid").isNull()).isTrue();
        assertThat(patch.get("action").asString())
                .isEqualTo("PATCH /api/v2/user/{id} {\"email\":\"c@example.com\",\"password\":\"********\"}");
        assertThat(patch.get("request_id").isNull()).isTrue();
        assertThat(patch.get("status").asInt()).isEqualTo(200);
        assertThat(patch.get("outcome").asString()).isEqualTo("succeeded");

        JsonNode post = entries.get(1);
        assertThat(post.get("at").asString())
                .isEqualTo(ApiTime.format(server.clock().instant().minusSeconds(5)));
        assertThat(post.get("method").asString()).isEqualTo("POST");
        assertThat(post.get("path").asString()).isEqualTo("/api/v2/user");
        assertThat(post.get("action").asString())
                .isEqualTo("POST /api/v2/user {\"username\":\"carol\",\"password\":\"********\","
                        + "\"email\":\"carol@example.com\"}");
        assertThat(post.get("status").asInt()).isEqualTo(201);
        assertThat(post.get("outcome").asString()).isEqualTo("succeeded");
        assertTableNeverContains("carol-password-1", "carol-pw-2a");
    }

    @Test
    void refusalsByTheSecurityGateAreRecordedAsDenied() {
        ApiClient reader = server.userWithRole("rita", "readonly");
        String fsid = "aaaaaaaa-0000-0000-0000-000000000001";
        assertThat(reader.post("/api/v2/user", "{\"username\": \"mallory\"}").status())
                .isEqualTo(403);
        assertThat(reader.patch(PROBE.formatted(fsid), "{\"noout\": true}").status())
                .isEqualTo(403);
        assertThat(reader.delete("/api/v2/user/1").status()).isEqualTo(403);

        List<JsonNode> denied = audit("user=rita&outcome=denied");
        assertThat(denied)
                .extracting(entry ->
                        entry.get("method").asString() + " " + entry.get("path").asString() + " "
                                + entry.get("status").asInt())
                .containsExactly(
                        "DELETE /api/v2/user/1 403",
                        "PATCH /api/v2/cluster/" + fsid + "/probe 403",
                        "POST /api/v2/user 403");
        assertThat(denied.get(1).get("fsid").asString()).isEqualTo(fsid);
        assertThat(audit("user=rita"))
                .extracting(entry -> entry.get("outcome").asString())
                .containsExactly("denied", "denied", "denied", "login");

        ApiClient forger = server.userWithRole("nelly", "read/write").withoutCsrfHeader();
        assertThat(forger.post(PROBE.formatted(fsid), "{}").status()).isEqualTo(403);
        JsonNode csrf = audit("user=nelly&page_size=1").get(0);
        assertThat(csrf.get("status").asInt()).isEqualTo(403);
        assertThat(csrf.get("outcome").asString()).isEqualTo("denied");
    }

    @Test
    void anonymousMutationsAreRecordedWithoutAUser() {
        String fsid = "aaaaaaaa-0000-0000-0000-000000000002";
        assertThat(server.anonymous()
                        .post(PROBE.formatted(fsid), "{\"note\": \"anonymous\"}")
                        .status())
                .isEqualTo(403);

        List<JsonNode> entries = audit("fsid=" + fsid);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("user").isNull()).isTrue();
        assertThat(entries.get(0).get("status").asInt()).isEqualTo(403);
        assertThat(entries.get(0).get("outcome").asString()).isEqualTo("denied");
        assertThat(entries.get(0).get("action").asString())
                .isEqualTo("POST /api/v2/cluster/{fsid}/probe {\"note\":\"anonymous\"}");
    }

    @Test
    void handlerOutcomesAreRecordedWithTheirFinalStatus() {
        assertThat(admin.post("/api/v2/user", "{\"username\": \"bad name\", \"password\": \"bad-name-password\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v2/user", "{\"username\": \"admin\"}").status())
                .isEqualTo(409);
        assertThat(admin.delete("/api/v2/user/999999").status()).isEqualTo(404);
        assertThat(audit("user=admin&page_size=3"))
                .extracting(entry ->
                        entry.get("status").asInt() + " " + entry.get("outcome").asString())
                .containsExactly("404 rejected", "409 rejected", "400 rejected");

        String fsid = "aaaaaaaa-0000-0000-0000-000000000003";
        assertThat(writer.post(PROBE.formatted(fsid), "{\"pool\": \"rbd\"}").status())
                .isEqualTo(202);
        assertThat(writer.patch(PROBE.formatted(fsid), "{}").status()).isEqualTo(503);
        assertThat(writer.delete(PROBE.formatted(fsid)).status()).isEqualTo(500);
        List<JsonNode> entries = audit("fsid=" + fsid);
        assertThat(entries)
                .extracting(entry ->
                        entry.get("user").asString() + " " + entry.get("status").asInt() + " "
                                + entry.get("outcome").asString())
                .containsExactly("wanda 500 failed", "wanda 503 failed", "wanda 202 accepted");
        assertThat(entries.get(2).get("request_id").asString()).isEqualTo(PROBE_REQUEST_ID);
        assertThat(entries.get(1).get("request_id").isNull()).isTrue();
        assertTableNeverContains("bad-name-password");
    }

    @Test
    void loginsFailedLoginsThrottlingAndLogoutsAreRecordedWithoutPasswords() {
        ApiClient client = server.anonymous();
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(client.tryLogin("admin", "wrong-password-1").status()).isEqualTo(401);
        assertThat(client.tryLogin("admin", server.adminPassword()).status()).isEqualTo(200);
        assertThat(client.post("/api/v2/auth/logout", "").status()).isEqualTo(200);
        assertThat(audit("user=admin&page_size=3"))
                .extracting(entry ->
                        entry.get("method").asString() + " " + entry.get("path").asString() + " "
                                + entry.get("status").asInt() + " "
                                + entry.get("outcome").asString())
                .containsExactly(
                        "POST /api/v2/auth/logout 200 logout",
                        "POST /api/v2/auth/login 200 login",
                        "POST /api/v2/auth/login 401 login_failed");

        assertThat(client.post("/api/v1/auth/login", "{\"username\": \"ghost\", \"password\": \"ghost-password-1\"}")
                        .status())
                .isEqualTo(401);
        JsonNode ghost = audit("user=ghost").get(0);
        assertThat(ghost.get("path").asString()).isEqualTo("/api/v1/auth/login");
        assertThat(ghost.get("outcome").asString()).isEqualTo("login_failed");
        assertThat(ghost.get("action").asString())
                .isEqualTo("POST /api/v1/auth/login {\"username\":\"ghost\",\"password\":\"********\"}");

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(client.tryLogin("tess", "tess-wrong-" + attempt).status())
                    .isEqualTo(401);
        }
        assertThat(client.tryLogin("tess", "tess-wrong-6").status()).isEqualTo(429);
        assertThat(audit("user=tess"))
                .extracting(entry ->
                        entry.get("status").asInt() + " " + entry.get("outcome").asString())
                .containsExactly(
                        "429 denied",
                        "401 login_failed",
                        "401 login_failed",
                        "401 login_failed",
                        "401 login_failed",
                        "401 login_failed");

        assertTableNeverContains(
                server.adminPassword(),
                "wrong-password-1",
                "ghost-password-1",
                "tess-wrong-1",
                "tess-wrong-6",
                "wanda-password");
    }

    @Test
    void onlySuperusersMayReadTheAuditLog() {
        assertThat(admin.get("/api/v2/audit").status()).isEqualTo(200);
        assertThat(writer.get("/api/v2/audit").status()).isEqualTo(403);
        assertThat(server.userWithRole("olga", "readonly").get("/api/v2/audit").status())
                .isEqualTo(403);
        assertThat(server.anonymous().get("/api/v2/audit").status()).isEqualTo(403);
    }

    @Test
    void pagesComeNewestFirstWithAbsoluteLinks() {
        String fsid = "aaaaaaaa-0000-0000-0000-000000000004";
        for (int number = 1; number <= 5; number++) {
            assertThat(writer.post(PROBE.formatted(fsid), "{\"number\": " + number + "}")
                            .status())
                    .isEqualTo(202);
        }
        String base = "/api/v2/audit?fsid=" + fsid;

        JsonNode first = admin.get(base + "&page_size=2").json();
        assertThat(first.get("count").asInt()).isEqualTo(5);
        assertThat(numbers(first)).containsExactly(5, 4);
        assertThat(first.get("previous").isNull()).isTrue();
        String next = first.get("next").asString();
        assertThat(next)
                .startsWith(server.uri() + "/api/v2/audit?")
                .contains("fsid=" + fsid)
                .contains("page_size=2")
                .contains("page=2");

        JsonNode second =
                admin.get(next.substring(server.uri().toString().length())).json();
        assertThat(numbers(second)).containsExactly(3, 2);
        assertThat(second.get("previous").asString()).contains("page=1");
        JsonNode third = admin.get(base + "&page_size=2&page=3").json();
        assertThat(numbers(third)).containsExactly(1);
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(numbers(admin.get(base).json())).as("default page size 10").containsExactly(5, 4, 3, 2, 1);
        assertThat(numbers(admin.get(base + "&page_size=5000").json()))
                .as("page sizes above the maximum are lowered to it")
                .containsExactly(5, 4, 3, 2, 1);

        assertInvalid(base + "&page_size=2&page=4", "Invalid page.");
        assertInvalid(base + "&page=0", "Invalid page.");
        assertInvalid(base + "&page=x", "Invalid page.");
        assertInvalid(base + "&page_size=0", "Invalid page size.");
        JsonNode empty = admin.get("/api/v2/audit?user=nobody-at-all").json();
        assertThat(empty.get("count").asInt()).isZero();
        assertThat(empty.get("results")).isEmpty();
    }

    @Test
    void timeAndOutcomeFilters() {
        String fsid = "aaaaaaaa-0000-0000-0000-000000000005";
        server.clock().advance(Duration.ofMinutes(10));
        Instant windowStart = server.clock().instant();
        assertThat(writer.post(PROBE.formatted(fsid), "{}").status()).isEqualTo(202);
        assertThat(writer.patch(PROBE.formatted(fsid), "{}").status()).isEqualTo(503);
        server.clock().advance(Duration.ofMinutes(10));
        Instant windowEnd = server.clock().instant();
        assertThat(writer.post(PROBE.formatted(fsid), "{}").status()).isEqualTo(202);

        String base = "/api/v2/audit?fsid=" + fsid;
        assertThat(methods(base + "&since=" + windowStart)).containsExactly("POST", "PATCH", "POST");
        assertThat(methods(base + "&since=" + windowStart.plusMillis(1))).containsExactly("POST");
        assertThat(methods(base + "&until=" + windowEnd)).containsExactly("PATCH", "POST");
        assertThat(methods(base + "&since=" + windowEnd + "&until=" + windowEnd.plusSeconds(1)))
                .containsExactly("POST");
        String withOffset = windowEnd.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        assertThat(withOffset).contains("+02:00");
        assertThat(methods(base + "&since=" + withOffset.replace("+", "%2B"))).containsExactly("POST");
        assertThat(methods(base + "&outcome=failed")).containsExactly("PATCH");
        assertThat(methods(base + "&outcome=accepted&user=wanda")).containsExactly("POST", "POST");

        ApiResponse badTimes = admin.get(base + "&since=yesterday&until=2026-13-01T00:00:00Z");
        assertThat(badTimes.status()).isEqualTo(400);
        assertThat(badTimes.json().get("since").get(0).asString()).startsWith("Enter a valid date and time");
        assertThat(badTimes.json().get("until")).hasSize(1);
        ApiResponse badOutcome = admin.get(base + "&outcome=won");
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().get("outcome").get(0).asString())
                .isEqualTo("\"won\" is not a valid choice. Choose one of: accepted, succeeded, rejected, denied, "
                        + "failed, login, login_failed, logout.");
    }

    // ---------------------------------------------------------------- helpers

    /** All entries (up to 1000) of {@code /api/v2/audit?QUERY}, newest first. */
    private static List<JsonNode> audit(String query) {
        ApiResponse response =
                admin.get("/api/v2/audit?" + query + (query.contains("page_size") ? "" : "&page_size=1000"));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.json().get("results").forEach(entries::add);
        return entries;
    }

    private static List<String> methods(String path) {
        ApiResponse response = admin.get(path);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        List<String> methods = new ArrayList<>();
        response.json()
                .get("results")
                .forEach(entry -> methods.add(entry.get("method").asString()));
        return methods;
    }

    /** The {@code number} field of each entry's recorded body. */
    private static List<Integer> numbers(JsonNode page) {
        List<Integer> numbers = new ArrayList<>();
        page.get("results").forEach(entry -> {
            String action = entry.get("action").asString();
            numbers.add(Integer.parseInt(action.replaceAll(".*\"number\":(\\d+).*", "$1")));
        });
        return numbers;
    }

    private static void assertInvalid(String path, String detail) {
        ApiResponse response = admin.get(path);
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo(detail);
    }

    /** Reads every column of every row straight from the database file. */
    private static void assertTableNeverContains(String... secrets) {
        String table = database.jdbi()
                .withHandle(handle -> handle.createQuery("SELECT * FROM audit_log").mapToMap().list().stream()
                        .map(row -> row.values().stream().map(String::valueOf).collect(Collectors.joining("|")))
                        .collect(Collectors.joining("\n")));
        assertThat(table).as("the check reads real, redacted rows").contains("\"password\":\"********\"");
        for (String secret : secrets) {
            assertThat(table).doesNotContain(secret);
        }
    }
}
