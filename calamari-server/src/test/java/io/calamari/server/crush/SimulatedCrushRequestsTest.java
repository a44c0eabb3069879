package io.calamari.server.crush;

import static io.calamari.server.request.RequestAwait.accepted;
import static io.calamari.server.request.RequestAwait.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.LabServer;
import java.time.Duration;
import java.util.ArrayList;
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
 * The CRUSH node and rule scenarios of {@link CrushRequestsIT} that use the monitors' own commands,
 * run by a real server against a simulated cluster shaped like the lab's, checked through the API.
 * Left out: retyping a bucket and rules beyond {@code create-replicated}, which go through
 * {@code osd setcrushmap} with a map compiled by crushtool, which the simulator cannot decode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedCrushRequestsTest {

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
                        .filter(snapshot -> snapshot.config().isPresent())
                        .flatMap(ClusterSnapshot::osdMap)
                        .isPresent());
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @Test
    @Order(1)
    void aRackHoldingHostNode0() {
        int node0 = nodeNamed("node0").get("id").asInt();

        JsonNode request = succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/crush_node",
                        "{\"name\": \"it-rack\", \"bucket_type\": \"rack\", \"items\": [{\"id\": " + node0 + "}]}")));

        assertThat(request.get("headline").asString()).startsWith("Creating CRUSH node in ");
        JsonNode rack = nodeNamed("it-rack");
        assertThat(rack.get("bucket_type").asString()).isEqualTo("rack");
        assertThat(ids(rack)).containsExactly(node0);
        assertThat(ids(nodeNamed("default"))).doesNotContain(node0);
    }

    @Test
    @Order(2)
    void renamingTheRack() {
        int id = nodeNamed("it-rack").get("id").asInt();

        succeeded(admin, accepted(admin.patch(cluster + "/crush_node/" + id, "{\"name\": \"it-rack2\"}")));

        assertThat(admin.get(cluster + "/crush_node/" + id).json().get("name").asString())
                .isEqualTo("it-rack2");
        assertThat(admin.patch(cluster + "/crush_node/" + id, "{\"name\": \"it-rack2\", \"bucket_type\": \"rack\"}")
                        .status())
                .isEqualTo(304);
    }

    @Test
    @Order(3)
    void aNonEmptyBucketIsRefusedWithoutARequest() {
        ApiResponse notEmpty = admin.delete(
                cluster + "/crush_node/" + nodeNamed("it-rack2").get("id").asInt());

        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.json().get("detail").asString()).startsWith("CRUSH node it-rack2 is not empty");
    }

    @Test
    @Order(4)
    void anOsdMovesUnderANewHostAndBack() {
        succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/crush_node",
                        "{\"name\": \"it-host\", \"bucket_type\": \"host\", \"items\": [{\"id\": 1}]}")));

        assertThat(ids(nodeNamed("it-host"))).containsExactly(1);
        assertThat(ids(nodeNamed("node1"))).isEmpty();

        int node1 = nodeNamed("node1").get("id").asInt();
        succeeded(admin, accepted(admin.patch(cluster + "/crush_node/" + node1, "{\"items\": [{\"id\": 1}]}")));

        assertThat(ids(nodeNamed("node1"))).containsExactly(1);
        assertThat(ids(nodeNamed("it-host"))).isEmpty();
    }

    @Test
    @Order(5)
    void deletingEmptyBucketsAfterPuttingNode0Back() {
        int host = nodeNamed("it-host").get("id").asInt();
        succeeded(admin, accepted(admin.delete(cluster + "/crush_node/" + host)));
        assertThat(admin.get(cluster + "/crush_node/" + host).status()).isEqualTo(404);

        JsonNode root = nodeNamed("default");
        List<String> items = new ArrayList<>();
        ids(root).forEach(id -> items.add("{\"id\": " + id + "}"));
        items.add("{\"id\": " + nodeNamed("node0").get("id").asInt() + "}");
        succeeded(
                admin,
                accepted(admin.patch(
                        cluster + "/crush_node/" + root.get("id").asInt(),
                        "{\"items\": [" + String.join(", ", items) + "]}")));
        assertThat(ids(nodeNamed("it-rack2"))).isEmpty();
        succeeded(
                admin,
                accepted(admin.delete(cluster + "/crush_node/"
                        + nodeNamed("it-rack2").get("id").asInt())));

        assertThat(ids(nodeNamed("default")))
                .contains(nodeNamed("node0").get("id").asInt());
    }

    @Test
    @Order(6)
    void replicatedRulesAreCreatedRenamedAndDeleted() {
        succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/crush_rule",
                        "{\"name\": \"it-rule\", \"type\": \"replicated\", \"min_size\": 1, \"max_size\": 10,"
                                + " \"steps\": [{\"op\": \"take\", \"item_name\": \"default~hdd\"},"
                                + " {\"op\": \"chooseleaf_firstn\", \"num\": 0, \"type\": \"host\"},"
                                + " {\"op\": \"emit\"}]}")));
        JsonNode rule = ruleNamed("it-rule");
        assertThat(rule.get("osd_count").asInt()).isEqualTo(3);
        assertThat(rule.get("steps").get(0).get("item_name").asString()).isEqualTo("default~hdd");
        int id = rule.get("id").asInt();

        succeeded(admin, accepted(admin.patch(cluster + "/crush_rule/" + id, "{\"name\": \"it-rule2\"}")));
        assertThat(admin.get(cluster + "/crush_rule/" + id).json().get("name").asString())
                .isEqualTo("it-rule2");

        succeeded(admin, accepted(admin.delete(cluster + "/crush_rule/" + id)));
        assertThat(admin.get(cluster + "/crush_rule/" + id).status()).isEqualTo(404);
    }

    private static List<Integer> ids(JsonNode node) {
        List<Integer> ids = new ArrayList<>();
        node.get("items").forEach(item -> ids.add(item.get("id").asInt()));
        return ids;
    }

    private static JsonNode nodeNamed(String name) {
        for (JsonNode node : admin.get(cluster + "/crush_node").json()) {
            if (node.get("name").asString().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no crush_node named " + name);
    }

    private static JsonNode ruleNamed(String name) {
        for (JsonNode rule : admin.get(cluster + "/crush_rule").json()) {
            if (rule.get("name").asString().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no crush_rule named " + name);
    }
}
