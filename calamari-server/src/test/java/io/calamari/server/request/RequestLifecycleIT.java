package io.calamari.server.request;

import static io.calamari.server.request.RequestAwait.accepted;
import static io.calamari.server.request.RequestAwait.complete;
import static io.calamari.server.request.RequestAwait.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.LabServer;
import io.calamari.testkit.CephCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every management operation end to end against the real lab cluster: the API accepts it (202),
 * the request completes, and a read right after completion shows the change, which {@code ceph}
 * confirms. The cluster is left as it was found.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RequestLifecycleIT {
    private static final JsonMapper MAPPER = Json.newMapper();
    private static final String POOL = "lifecycle";

    private static CephCluster ceph;
    private static LabServer lab;
    private static ApiClient admin;
    private static String cluster;

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        lab = LabServer.start(ceph, Duration.ofMinutes(3));
        admin = lab.server().admin();
        cluster = "/api/v2/cluster/" + ceph.fsid();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> lab.registry()
                        .cluster(ceph.fsid())
                        .filter(snapshot -> snapshot.config().isPresent()
                                && snapshot.pgSummary().isPresent())
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
    }

    @AfterAll
    static void stop() {
        ceph.ceph("osd", "unset", "noout");
        for (int osd = 0; osd < ceph.osdCount(); osd++) {
            ceph.ceph("osd", "in", Integer.toString(osd));
            ceph.ceph("osd", "reweight", Integer.toString(osd), "1.0");
        }
        for (String pool : List.of(POOL, POOL + "-renamed", "erasure-it")) {
            ceph.ceph("osd", "pool", "delete", pool, pool, "--yes-i-really-really-mean-it");
        }
        lab.close();
    }

    @Test
    @Order(1)
    void createAPoolWith32PgsCompletesOnceItsPgsAreActive() {
        String id = accepted(admin.post(
                cluster + "/pool",
                "{\"name\": \"" + POOL + "\", \"pg_num\": 32, \"size\": 2, \"application\": \"rbd\","
                        + " \"pg_autoscale_mode\": \"off\", \"quota_max_objects\": 1000, \"crush_ruleset\": 0}"));

        JsonNode request = succeeded(admin, id);

        assertThat(request.get("headline").asString()).isEqualTo("Creating pool '" + POOL + "'");
        assertThat(request.get("requested_by").asString()).isEqualTo("admin");
        JsonNode pool = poolNamed(POOL);
        assertThat(pool.get("pg_num").asInt()).isEqualTo(32);
        assertThat(pool.get("size").asInt()).isEqualTo(2);
        assertThat(pool.get("min_size").asInt()).isEqualTo(1);
        assertThat(pool.get("quota_max_objects").asLong()).isEqualTo(1000);
        assertThat(pool.get("pg_autoscale_mode").asString()).isEqualTo("off");
        assertThat(pool.get("applications").toString()).isEqualTo("[\"rbd\"]");
        JsonNode pgs = MAPPER.readTree(ceph.ceph("pg", "ls-by-pool", POOL, "-f", "json"))
                .get("pg_stats");
        assertThat(pgs.size()).isEqualTo(32);
        pgs.forEach(pg -> assertThat(pg.get("state").asString()).contains("active"));
        assertThat(admin.get("/api/v2/request?state=complete")
                        .json()
                        .get("results")
                        .toString())
                .contains(id);
        assertThat(admin.get(cluster + "/request/" + id).json().get("id").asString())
                .isEqualTo(id);
    }

    @Test
    @Order(2)
    void aDuplicateNameIsRefusedWith409AndNoRequest() {
        long before = admin.get("/api/v2/request").json().get("count").asLong();

        ApiResponse duplicate = admin.post(cluster + "/pool", "{\"name\": \"" + POOL + "\", \"pg_num\": 8}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("name").get(0).asString())
                .isEqualTo("Pool with name " + POOL + " already exists");
        assertThat(admin.get("/api/v2/request").json().get("count").asLong()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void modifyingAPoolShowsTheChangeRightAfterCompletion() {
        int id = poolNamed(POOL).get("id").asInt();

        succeeded(
                admin,
                accepted(
                        admin.patch(
                                cluster + "/pool/" + id,
                                "{\"size\": 3, \"hashpspool\": false, \"quota_max_bytes\": 1048576, \"compression_mode\": \"passive\"}")));

        JsonNode pool = admin.get(cluster + "/pool/" + id).json();
        assertThat(pool.get("size").asInt()).isEqualTo(3);
        assertThat(pool.get("min_size").asInt()).isEqualTo(1);
        assertThat(pool.get("quota_max_bytes").asLong()).isEqualTo(1048576);
        assertThat(pool.get("compression_mode").asString()).isEqualTo("passive");
        assertThat(pool.get("hashpspool").asBoolean()).isFalse();
        assertThat(ceph.ceph("osd", "pool", "get", POOL, "size")).contains("size: 3");
    }

    @Test
    @Order(4)
    void growingPgNumWaitsUntilCephHasReachedTheTarget() {
        int id = poolNamed(POOL).get("id").asInt();

        JsonNode request = succeeded(admin, accepted(admin.patch(cluster + "/pool/" + id, "{\"pg_num\": \"48\"}")));

        assertThat(request.get("headline").asString()).isEqualTo("Growing pool '" + POOL + "' to 48 PGs");
        JsonNode pool = admin.get(cluster + "/pool/" + id).json();
        assertThat(pool.get("pg_num").asInt()).isEqualTo(48);
        assertThat(pool.get("pgp_num").asInt()).isEqualTo(48);
    }

    @Test
    @Order(5)
    void unchangedValuesAnswer304() {
        JsonNode pool = poolNamed(POOL);

        ApiResponse same =
                admin.patch(cluster + "/pool/" + pool.get("id").asInt(), "{\"size\": 3, \"name\": \"" + POOL + "\"}");

        assertThat(same.status()).isEqualTo(304);
        assertThat(admin.patch(cluster + "/osd/0", "{\"in\": true, \"up\": true, \"reweight\": 1.0}")
                        .status())
                .isEqualTo(304);
        assertThat(admin.patch(cluster + "/osd_config", "{\"noout\": false}").status())
                .isEqualTo(304);
    }

    @Test
    @Order(6)
    void renamingAPool() {
        int id = poolNamed(POOL).get("id").asInt();

        succeeded(admin, accepted(admin.patch(cluster + "/pool/" + id, "{\"name\": \"" + POOL + "-renamed\"}")));

        assertThat(admin.get(cluster + "/pool/" + id).json().get("name").asString())
                .isEqualTo(POOL + "-renamed");
    }

    @Test
    @Order(7)
    void markingAnOsdOutAndIn() {
        JsonNode out = succeeded(admin, accepted(admin.patch(cluster + "/osd/1", "{\"in\": false}")));
        assertThat(out.get("headline").asString()).isEqualTo("Marking ceph-osd.1 out");
        assertThat(admin.get(cluster + "/osd/1").json().get("in").asBoolean()).isFalse();

        succeeded(admin, accepted(admin.patch(cluster + "/osd/1", "{\"in\": true}")));
        assertThat(admin.get(cluster + "/osd/1").json().get("in").asBoolean()).isTrue();
    }

    @Test
    @Order(8)
    void reweightingAnOsd() {
        JsonNode request = succeeded(admin, accepted(admin.patch(cluster + "/osd/2", "{\"reweight\": 0.5}")));

        assertThat(request.get("headline").asString()).isEqualTo("Re-weighting ceph-osd.2 to 50.0%");
        assertThat(admin.get(cluster + "/osd/2").json().get("reweight").asDouble())
                .isEqualTo(0.5);
        succeeded(admin, accepted(admin.patch(cluster + "/osd/2", "{\"reweight\": 1}")));
    }

    @Test
    @Order(9)
    void settingAndClearingNoout() {
        succeeded(admin, accepted(admin.patch(cluster + "/osd_config", "{\"noout\": true, \"noin\": false}")));
        assertThat(admin.get(cluster + "/osd_config").json().get("noout").asBoolean())
                .isTrue();
        assertThat(ceph.ceph("osd", "dump")).contains("noout");

        succeeded(admin, accepted(admin.patch(cluster + "/osd_config", "{\"noout\": false}")));
        assertThat(admin.get(cluster + "/osd_config").json().get("noout").asBoolean())
                .isFalse();
    }

    @Test
    @Order(10)
    void scrubCommandsAreAccepted() {
        for (String command : List.of("scrub", "deep_scrub", "repair")) {
            JsonNode request = succeeded(admin, accepted(admin.post(cluster + "/osd/0/command/" + command, "{}")));
            assertThat(request.get("headline").asString())
                    .isEqualTo("Initiating " + command.replace('_', '-') + " on ceph-osd.0");
        }
    }

    @Test
    @Order(11)
    void aCommandCephRefusesFailsTheRequestWithCephsOwnWords() {
        // 3 OSDs × mon_max_pg_per_osd 1000 allow 3000 PG replicas; 4096 × 2 is more.
        String id = accepted(admin.post(cluster + "/pool", "{\"name\": \"too-many-pgs\", \"pg_num\": 4096}"));

        JsonNode request = complete(admin, id, Duration.ofSeconds(30));

        assertThat(request.get("error").asBoolean()).isTrue();
        assertThat(request.get("error_message").asString())
                .startsWith("Error ERANGE: pg_num 4096 size 2 would mean")
                .contains("mon_max_pg_per_osd 1000");
        assertThat(request.get("status").asString()).startsWith("Failed (Error ERANGE");
        assertThat(ceph.ceph("osd", "pool", "ls")).doesNotContain("too-many-pgs");
    }

    @Test
    @Order(12)
    void anErasureCodedPool() {
        succeeded(
                admin,
                accepted(
                        admin.post(
                                cluster + "/pool",
                                "{\"name\": \"erasure-it\", \"pg_num\": 8, \"type\": \"erasure\", \"erasure_code_profile\": \"default\"}")));

        JsonNode pool = poolNamed("erasure-it");
        assertThat(pool.get("type").asString()).isEqualTo("erasure");
        assertThat(pool.get("erasure_code_profile").asString()).isEqualTo("default");
    }

    @Test
    @Order(13)
    void deletingPools() {
        for (String name : List.of(POOL + "-renamed", "erasure-it")) {
            JsonNode pool = poolNamed(name);
            succeeded(
                    admin,
                    accepted(admin.delete(cluster + "/pool/" + pool.get("id").asInt())));
            assertThat(admin.get(cluster + "/pool/" + pool.get("id").asInt()).status())
                    .isEqualTo(404);
        }
        assertThat(ceph.ceph("osd", "pool", "ls")).doesNotContain(POOL);
    }

    @Test
    @Order(14)
    void aReadonlyUserIsRefusedEveryMutationAndNothingReachesCeph() {
        ApiClient readonly = lab.server().userWithRole("watcher", "readonly");
        long requestsBefore = admin.get("/api/v2/request").json().get("count").asLong();
        String osdDumpBefore = ceph.ceph("osd", "dump");

        List<ApiResponse> attempts = List.of(
                readonly.post(cluster + "/pool", "{\"name\": \"readonly-pool\", \"pg_num\": 8}"),
                readonly.patch(cluster + "/pool/1", "{\"size\": 3}"),
                readonly.delete(cluster + "/pool/1"),
                readonly.patch(cluster + "/osd/0", "{\"in\": false}"),
                readonly.post(cluster + "/osd/0/command/scrub", "{}"),
                readonly.patch(cluster + "/osd_config", "{\"noout\": true}"),
                readonly.post(cluster + "/cli", "{\"command\": \"osd set noout\"}"));

        assertThat(attempts)
                .allSatisfy(attempt ->
                        assertThat(attempt.status()).as("%s", attempt).isEqualTo(403));
        assertThat(admin.get("/api/v2/request").json().get("count").asLong()).isEqualTo(requestsBefore);
        assertThat(ceph.ceph("osd", "dump")).isEqualTo(osdDumpBefore);
        JsonNode audit = admin.get("/api/v2/audit?user=watcher&outcome=denied").json();
        assertThat(audit.get("count").asInt()).isEqualTo(attempts.size());
        audit.get("results").forEach(entry -> {
            assertThat(entry.get("status").asInt()).isEqualTo(403);
            assertThat(entry.get("request_id").isNull()).isTrue();
        });
    }

    @Test
    @Order(15)
    void theAuditLogNamesTheRequestOfEveryAcceptedChange() {
        JsonNode accepted = admin.get("/api/v2/audit?user=admin&outcome=accepted&page_size=100")
                .json();

        assertThat(accepted.get("count").asInt()).isGreaterThanOrEqualTo(15);
        accepted.get("results").forEach(entry -> {
            String requestId = entry.get("request_id").asString();
            assertThat(admin.get("/api/v2/request/" + requestId).status()).isEqualTo(200);
            assertThat(entry.get("fsid").asString()).isEqualTo(ceph.fsid());
        });
    }

    @Test
    @Order(16)
    void theCliRunsCephCommandsForSuperusersOnly() {
        JsonNode pools = admin.post(cluster + "/cli", "{\"command\": \"ceph osd pool ls -f json\"}")
                .json();
        assertThat(pools.get("status").asInt()).isZero();
        assertThat(MAPPER.readTree(pools.get("out").asString()).toString()).contains("device_health_metrics");

        JsonNode refused = admin.post(
                        cluster + "/cli", "{\"command\": [\"osd\", \"pool\", \"get\", \"nope\", \"size\"]}")
                .json();
        assertThat(refused.get("status").asInt()).isEqualTo(2);
        assertThat(refused.get("err").asString()).startsWith("Error ENOENT: unrecognized pool 'nope'");

        ApiResponse invalid = admin.post(cluster + "/cli", "{\"command\": \"osd frobnicate; rm -rf /\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("command").get(0).asString()).startsWith("no valid command found");
        assertThat(admin.post(cluster + "/cli", "{}")
                        .json()
                        .get("command")
                        .get(0)
                        .asString())
                .isEqualTo("'command' field is required");
        assertThat(lab.server()
                        .userWithRole("operator", "read/write")
                        .post(cluster + "/cli", "{\"command\": \"osd pool ls\"}")
                        .status())
                .isEqualTo(403);
    }

    private static JsonNode poolNamed(String name) {
        for (JsonNode pool : admin.get(cluster + "/pool").json()) {
            if (pool.get("name").asString().equals(name)) {
                return pool;
            }
        }
        throw new AssertionError(
                "no pool named " + name + " in " + admin.get(cluster + "/pool").body());
    }
}
