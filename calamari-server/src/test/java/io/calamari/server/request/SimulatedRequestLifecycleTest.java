package io.calamari.server.request;

import static io.calamari.server.request.RequestAwait.accepted;
import static io.calamari.server.request.RequestAwait.complete;
import static io.calamari.server.request.RequestAwait.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.LabServer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The pool, OSD and flag scenarios of {@link RequestLifecycleIT}, run by a real server against a
 * simulated cluster shaped like the lab's (three hosts of one OSD): each request is accepted,
 * completes through the production request machinery (commands, OSD map epoch, PG completion), and
 * the resources show the change. A copy rather than a shared base class: the lab test also checks
 * each change with the {@code ceph} CLI, which the simulator has no counterpart of.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedRequestLifecycleTest {
    private static final String POOL = "lifecycle";

    private static LabServer lab;
    private static ApiClient admin;
    private static String cluster;

    @BeforeAll
    static void start() throws Exception {
        lab = LabServer.simulated(LabServer.LAB_LIKE, Duration.ofMinutes(1));
        String fsid = lab.fsid();
        admin = lab.server().admin();
        cluster = "/api/v2/cluster/" + fsid;
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> lab.registry()
                        .cluster(fsid)
                        .filter(snapshot -> snapshot.config().isPresent()
                                && snapshot.pgSummary().isPresent())
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @Test
    @Order(1)
    void createAPoolWith32PgsCompletesOnceItsPgsAreActive() {
        JsonNode request = succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/pool",
                        "{\"name\": \"" + POOL + "\", \"pg_num\": 32, \"size\": 2, \"application\": \"rbd\","
                                + " \"pg_autoscale_mode\": \"off\", \"quota_max_objects\": 1000,"
                                + " \"crush_ruleset\": 0}")));

        assertThat(request.get("headline").asString()).isEqualTo("Creating pool '" + POOL + "'");
        JsonNode pool = poolNamed(POOL);
        assertThat(pool.get("pg_num").asInt()).isEqualTo(32);
        assertThat(pool.get("size").asInt()).isEqualTo(2);
        assertThat(pool.get("min_size").asInt()).isEqualTo(1);
        assertThat(pool.get("quota_max_objects").asLong()).isEqualTo(1000);
        assertThat(pool.get("pg_autoscale_mode").asString()).isEqualTo("off");
        assertThat(pool.get("applications").toString()).isEqualTo("[\"rbd\"]");
        assertThat(admin.post(cluster + "/pool", "{\"name\": \"" + POOL + "\", \"pg_num\": 8}")
                        .status())
                .isEqualTo(409);
    }

    @Test
    @Order(2)
    void modifyingAPoolShowsTheChangeRightAfterCompletion() {
        int id = poolNamed(POOL).get("id").asInt();

        succeeded(
                admin,
                accepted(admin.patch(
                        cluster + "/pool/" + id,
                        "{\"size\": 3, \"hashpspool\": false, \"quota_max_bytes\": 1048576,"
                                + " \"compression_mode\": \"passive\"}")));

        JsonNode pool = admin.get(cluster + "/pool/" + id).json();
        assertThat(pool.get("size").asInt()).isEqualTo(3);
        assertThat(pool.get("min_size").asInt()).isEqualTo(1);
        assertThat(pool.get("quota_max_bytes").asLong()).isEqualTo(1048576);
        assertThat(pool.get("compression_mode").asString()).isEqualTo("passive");
        assertThat(pool.get("hashpspool").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void growingPgNumWaitsUntilCephHasReachedTheTarget() {
        int id = poolNamed(POOL).get("id").asInt();

        JsonNode request = succeeded(admin, accepted(admin.patch(cluster + "/pool/" + id, "{\"pg_num\": \"48\"}")));

        assertThat(request.get("headline").asString()).isEqualTo("Growing pool '" + POOL + "' to 48 PGs");
        JsonNode pool = admin.get(cluster + "/pool/" + id).json();
        assertThat(pool.get("pg_num").asInt()).isEqualTo(48);
        assertThat(pool.get("pgp_num").asInt()).isEqualTo(48);
    }

    @Test
    @Order(4)
    void renamingAPool() {
        int id = poolNamed(POOL).get("id").asInt();

        succeeded(admin, accepted(admin.patch(cluster + "/pool/" + id, "{\"name\": \"" + POOL + "-renamed\"}")));

        assertThat(admin.get(cluster + "/pool/" + id).json().get("name").asString())
                .isEqualTo(POOL + "-renamed");
    }

    @Test
    @Order(5)
    void markingAnOsdOutAndIn() {
        JsonNode out = succeeded(admin, accepted(admin.patch(cluster + "/osd/1", "{\"in\": false}")));
        assertThat(out.get("headline").asString()).endsWith("osd.1 out");
        assertThat(admin.get(cluster + "/osd/1").json().get("in").asBoolean()).isFalse();

        succeeded(admin, accepted(admin.patch(cluster + "/osd/1", "{\"in\": true}")));
        assertThat(admin.get(cluster + "/osd/1").json().get("in").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void reweightingAnOsd() {
        succeeded(admin, accepted(admin.patch(cluster + "/osd/2", "{\"reweight\": 0.5}")));

        assertThat(admin.get(cluster + "/osd/2").json().get("reweight").asDouble())
                .isEqualTo(0.5);
        succeeded(admin, accepted(admin.patch(cluster + "/osd/2", "{\"reweight\": 1}")));
        assertThat(admin.patch(cluster + "/osd/2", "{\"in\": true, \"up\": true, \"reweight\": 1.0}")
                        .status())
                .isEqualTo(304);
    }

    @Test
    @Order(7)
    void settingAndClearingNoout() {
        succeeded(admin, accepted(admin.patch(cluster + "/osd_config", "{\"noout\": true, \"noin\": false}")));
        assertThat(admin.get(cluster + "/osd_config").json().get("noout").asBoolean())
                .isTrue();

        succeeded(admin, accepted(admin.patch(cluster + "/osd_config", "{\"noout\": false}")));
        assertThat(admin.get(cluster + "/osd_config").json().get("noout").asBoolean())
                .isFalse();
        assertThat(admin.patch(cluster + "/osd_config", "{\"noout\": false}").status())
                .isEqualTo(304);
    }

    @Test
    @Order(8)
    void scrubCommandsAreAccepted() {
        for (String command : List.of("scrub", "deep_scrub", "repair")) {
            JsonNode request = succeeded(admin, accepted(admin.post(cluster + "/osd/0/command/" + command, "{}")));
            assertThat(request.get("headline").asString())
                    .startsWith("Initiating " + command.replace('_', '-') + " on ");
        }
    }

    @Test
    @Order(9)
    void aCommandCephRefusesFailsTheRequestWithCephsOwnWords() {
        // 3 OSDs × mon_max_pg_per_osd 250 allow 750 PG copies; 4096 × 3 is more.
        String id = accepted(admin.post(cluster + "/pool", "{\"name\": \"too-many-pgs\", \"pg_num\": 4096}"));

        JsonNode request = complete(admin, id, Duration.ofSeconds(30));

        assertThat(request.get("error").asBoolean()).isTrue();
        assertThat(request.get("error_message").asString())
                .startsWith("Error ERANGE: pg_num 4096 size 3 would mean")
                .contains("mon_max_pg_per_osd 250");
        assertThat(request.get("status").asString()).startsWith("Failed (Error ERANGE");
    }

    @Test
    @Order(10)
    void anErasureCodedPool() {
        succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/pool",
                        "{\"name\": \"erasure-it\", \"pg_num\": 8, \"type\": \"erasure\","
                                + " \"erasure_code_profile\": \"default\"}")));

        JsonNode pool = poolNamed("erasure-it");
        assertThat(pool.get("type").asString()).isEqualTo("erasure");
        assertThat(pool.get("erasure_code_profile").asString()).isEqualTo("default");
    }

    @Test
    @Order(11)
    void deletingPools() {
        for (String name : List.of(POOL + "-renamed", "erasure-it")) {
            JsonNode pool = poolNamed(name);
            succeeded(
                    admin,
                    accepted(admin.delete(cluster + "/pool/" + pool.get("id").asInt())));
            assertThat(admin.get(cluster + "/pool/" + pool.get("id").asInt()).status())
                    .isEqualTo(404);
        }
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
