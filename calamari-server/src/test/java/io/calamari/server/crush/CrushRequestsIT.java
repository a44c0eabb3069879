package io.calamari.server.crush;

import static io.calamari.server.request.RequestAwait.accepted;
import static io.calamari.server.request.RequestAwait.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.calamari.ceph.model.CrushBucket;
import io.calamari.ceph.model.CrushItem;
import io.calamari.ceph.model.CrushMap;
import io.calamari.ceph.model.CrushRule;
import io.calamari.ceph.parse.CrushDumpParser;
import io.calamari.protocol.Json;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.ApiResponse;
import io.calamari.server.testing.LabServer;
import io.calamari.testkit.CephCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CRUSH operations end to end against the real lab cluster (osd.0..2 on hosts node0..2 under
 * root default): each request completes, a read right after completion shows the change, and
 * {@code ceph} agrees. The CRUSH map found at the start is set again at the end, whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrushRequestsIT {
    private static final JsonMapper MAPPER = Json.newMapper();

    private static CephCluster ceph;
    private static @Nullable Path originalMap;
    private static LabServer lab;
    private static ApiClient admin;
    private static String cluster;

    @BeforeAll
    static void start() throws Exception {
        ceph = CephCluster.shared();
        originalMap = Files.createTempFile("crushmap", ".bin");
        ceph.ceph("osd", "getcrushmap", "-o", originalMap.toString());
        lab = LabServer.start(ceph, Duration.ofMinutes(3));
        admin = lab.server().admin();
        cluster = "/api/v2/cluster/" + ceph.fsid();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> lab.registry()
                        .cluster(ceph.fsid())
                        .flatMap(ClusterSnapshot::osdMap)
                        .filter(part -> part.value().compiledCrush().isPresent())
                        .isPresent());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (originalMap != null) {
                ceph.ceph("osd", "setcrushmap", "-i", originalMap.toString());
                Files.deleteIfExists(originalMap);
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Test
    @Order(1)
    void aRackHoldingHostNode0() {
        int node0 = cephCrush().bucket("node0").orElseThrow().id();

        JsonNode request = succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/crush_node",
                        "{\"name\": \"it-rack\", \"bucket_type\": \"rack\", \"items\": [{\"id\": " + node0 + "}]}")));

        assertThat(request.get("headline").asString()).isEqualTo("Creating CRUSH node in ceph");
        JsonNode rack = nodeNamed("it-rack");
        assertThat(rack.get("bucket_type").asString()).isEqualTo("rack");
        assertThat(rack.get("items").valueStream().map(item -> item.get("id").asInt()))
                .containsExactly(node0);
        JsonNode tree = treeNode("it-rack");
        assertThat(tree.get("type").asString()).isEqualTo("rack");
        assertThat(tree.get("children").valueStream().map(JsonNode::asInt)).containsExactly(node0);
        assertThat(treeNode("default").get("children").valueStream().map(JsonNode::asInt))
                .doesNotContain(node0);
    }

    @Test
    @Order(2)
    void renamingTheRack() {
        int id = nodeNamed("it-rack").get("id").asInt();

        JsonNode request =
                succeeded(admin, accepted(admin.patch(cluster + "/crush_node/" + id, "{\"name\": \"it-rack2\"}")));

        assertThat(request.get("headline").asString()).isEqualTo("Updating CRUSH node in ceph");
        assertThat(admin.get(cluster + "/crush_node/" + id).json().get("name").asString())
                .isEqualTo("it-rack2");
        assertThat(cephCrush().bucket(id).orElseThrow().name()).isEqualTo("it-rack2");
        assertThat(admin.patch(cluster + "/crush_node/" + id, "{\"name\": \"it-rack2\", \"bucket_type\": \"rack\"}")
                        .status())
                .isEqualTo(304);
    }

    @Test
    @Order(3)
    void aNonEmptyBucketOrAnUnknownItemIsRefusedWithoutARequest() {
        long before = requestCount();
        int id = nodeNamed("it-rack2").get("id").asInt();

        ApiResponse notEmpty = admin.delete(cluster + "/crush_node/" + id);
        assertThat(notEmpty.status()).isEqualTo(409);
        assertThat(notEmpty.json().get("detail").asString()).startsWith("CRUSH node it-rack2 is not empty");

        String unknownBucket = "{\"name\": \"it-x\", \"bucket_type\": \"rack\", \"items\": [{\"id\": -999}]}";
        assertThat(admin.post(cluster + "/crush_node", unknownBucket).status()).isEqualTo(404);
        assertThat(admin.post(cluster + "/crush_node", unknownBucket.replace("-999", "99"))
                        .status())
                .isEqualTo(404);
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void anOsdMovesUnderANewHostAndBackKeepingItsWeight() {
        CrushItem original = cephCrush().bucket("node1").orElseThrow().items().get(0);
        assertThat(original.id()).isEqualTo(1);

        succeeded(
                admin,
                accepted(admin.post(
                        cluster + "/crush_node",
                        "{\"name\": \"it-host\", \"bucket_type\": \"host\", \"items\": [{\"id\": 1}]}")));

        assertThat(cephCrush().bucket("it-host").orElseThrow().items())
                .extracting(CrushItem::id, CrushItem::weight)
                .containsExactly(tuple(1, original.weight()));
        assertThat(cephCrush().bucket("node1").orElseThrow().items()).isEmpty();
        assertThat(nodeNamed("it-host").get("items").get(0).get("id").asInt()).isEqualTo(1);

        int node1 = nodeNamed("node1").get("id").asInt();
        succeeded(admin, accepted(admin.patch(cluster + "/crush_node/" + node1, "{\"items\": [{\"id\": 1}]}")));

        assertThat(cephCrush().bucket("node1").orElseThrow().items()).containsExactly(original);
        assertThat(cephCrush().bucket("it-host").orElseThrow().items()).isEmpty();
        assertThat(treeNode("node1").get("children").valueStream().map(JsonNode::asInt))
                .containsExactly(1);
    }

    @Test
    @Order(5)
    void retypingABucketKeepsItsIdAndEveryWeight() {
        CrushMap before = cephCrush();
        int id = before.bucket("it-host").orElseThrow().id();

        succeeded(admin, accepted(admin.patch(cluster + "/crush_node/" + id, "{\"bucket_type\": \"chassis\"}")));

        CrushMap after = cephCrush();
        assertThat(after.bucket(id).orElseThrow().typeName()).isEqualTo("chassis");
        assertThat(admin.get(cluster + "/crush_node/" + id)
                        .json()
                        .get("bucket_type")
                        .asString())
                .isEqualTo("chassis");
        for (CrushBucket bucket : before.buckets()) {
            assertThat(after.bucket(bucket.id()).orElseThrow().items())
                    .as("items of %s", bucket.name())
                    .isEqualTo(bucket.items());
        }
    }

    @Test
    @Order(6)
    void deletingEmptyBucketsAfterPuttingNode0Back() {
        int host = nodeNamed("it-host").get("id").asInt();
        JsonNode request = succeeded(admin, accepted(admin.delete(cluster + "/crush_node/" + host)));
        assertThat(request.get("headline").asString()).isEqualTo("Removing CRUSH node in ceph");
        assertThat(admin.get(cluster + "/crush_node/" + host).status()).isEqualTo(404);

        JsonNode root = nodeNamed("default");
        List<String> items = new ArrayList<>();
        root.get("items").forEach(item -> items.add("{\"id\": " + item.get("id").asInt() + "}"));
        items.add("{\"id\": " + nodeNamed("node0").get("id").asInt() + "}");
        succeeded(
                admin,
                accepted(admin.patch(
                        cluster + "/crush_node/" + root.get("id").asInt(),
                        "{\"items\": [" + String.join(", ", items) + "]}")));
        int rack = nodeNamed("it-rack2").get("id").asInt();
        assertThat(nodeNamed("it-rack2").get("items")).isEmpty();
        succeeded(admin, accepted(admin.delete(cluster + "/crush_node/" + rack)));

        assertThat(cephCrush().bucket("it-rack2")).isEmpty();
        assertThat(cephCrush().bucket("it-host")).isEmpty();
        assertThat(treeNode("default").get("children").valueStream().map(JsonNode::asInt))
                .contains(cephCrush().bucket("node0").orElseThrow().id());
    }

    @Test
    @Order(7)
    void replicatedRulesAreCreatedRenamedChangedAndDeleted() {
        JsonNode created = succeeded(
                admin,
                accepted(
                        admin.post(
                                cluster + "/crush_rule",
                                "{\"name\": \"it-rule\", \"type\": \"replicated\", \"min_size\": 1, \"max_size\": 10, \"steps\": ["
                                        + "{\"op\": \"take\", \"item_name\": \"default~hdd\"},"
                                        + " {\"op\": \"chooseleaf_firstn\", \"num\": 0, \"type\": \"host\"}, {\"op\": \"emit\"}]}")));
        assertThat(created.get("headline").asString()).isEqualTo("Creating CRUSH rule in ceph");
        JsonNode rule = ruleNamed("it-rule");
        assertThat(rule.get("osd_count").asInt()).isEqualTo(3);
        assertThat(rule.get("steps").get(0).get("item_name").asString()).isEqualTo("default~hdd");
        int id = rule.get("id").asInt();

        succeeded(admin, accepted(admin.patch(cluster + "/crush_rule/" + id, "{\"name\": \"it-rule2\"}")));
        assertThat(ceph.ceph("osd", "crush", "rule", "ls")).contains("it-rule2").doesNotContain("it-rule\n");

        CrushMap before = cephCrush();
        succeeded(admin, accepted(admin.patch(cluster + "/crush_rule/" + id, "{\"max_size\": 5}")));
        CrushRule changed = cephCrush().rule(id).orElseThrow();
        assertThat(changed.maxSize()).isEqualTo(5);
        assertThat(changed.steps()).isEqualTo(before.rule(id).orElseThrow().steps());
        assertThat(cephCrush().buckets()).as("weights survive the text map").isEqualTo(before.buckets());

        JsonNode removed = succeeded(admin, accepted(admin.delete(cluster + "/crush_rule/" + id)));
        assertThat(removed.get("headline").asString()).isEqualTo("Removing CRUSH rule in ceph");
        assertThat(ceph.ceph("osd", "crush", "rule", "ls")).doesNotContain("it-rule2");
        assertThat(admin.get(cluster + "/crush_rule/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void aRuleBeyondTheNativeCommandsGoesThroughTheTextMap() {
        succeeded(
                admin,
                accepted(
                        admin.post(
                                cluster + "/crush_rule",
                                "{\"name\": \"it-indep\", \"type\": \"erasure\", \"min_size\": 3, \"max_size\": 3, \"ruleset\": 9,"
                                        + " \"steps\": [{\"op\": \"set_chooseleaf_tries\", \"num\": 5}, {\"op\": \"take\", \"item\": -1},"
                                        + " {\"op\": \"chooseleaf_indep\", \"num\": 0, \"type\": \"host\"}, {\"op\": \"emit\"}]}")));

        JsonNode rule = admin.get(cluster + "/crush_rule/9").json();
        assertThat(rule.get("name").asString()).isEqualTo("it-indep");
        assertThat(rule.get("type").asString()).isEqualTo("erasure");
        assertThat(rule.get("steps").valueStream().map(step -> step.get("op").asString()))
                .containsExactly("set_chooseleaf_tries", "take", "chooseleaf_indep", "emit");

        JsonNode pool = admin.get(cluster + "/pool").json().get(0);
        ApiResponse inUse = admin.delete(
                cluster + "/crush_rule/" + pool.get("crush_ruleset").asInt());
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().get("detail").asString())
                .contains("is used by pool")
                .contains(pool.get("name").asString());

        succeeded(admin, accepted(admin.delete(cluster + "/crush_rule/9")));
        assertThat(ceph.ceph("osd", "crush", "rule", "ls")).doesNotContain("it-indep");
    }

    @Test
    @Order(9)
    void theMapCrushtoolRefusesIs400AndNothingIsSent() {
        long before = requestCount();

        ApiResponse invalid = admin.send("POST", cluster + "/crush_map", "rule broken {\n", "text/plain");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asString()).startsWith("crushtool could not compile the CRUSH map");
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    @Order(10)
    void theMapGetReturnsCanBePostedBackWith200() {
        String text = admin.get(cluster + "/crush_map").json().asString();
        String rules = ceph.ceph("osd", "crush", "rule", "ls");

        ApiResponse response = admin.send("POST", cluster + "/crush_map", text, "text/plain");

        assertThat(response.status()).as("Calamari's 200, not 202").isEqualTo(200);
        JsonNode request = succeeded(admin, response.json().get("request_id").asString());
        assertThat(request.get("headline").asString()).isEqualTo("Replacing CRUSH map in ceph");
        assertThat(ceph.ceph("osd", "crush", "rule", "ls")).isEqualTo(rules);
        assertThat(cephCrush().bucket("node0").orElseThrow().items().get(0).weight())
                .as("crushtool -d prints weights with 3 decimals, so this lab's tiny OSD weights became 0")
                .isZero();
        ceph.ceph("osd", "setcrushmap", "-i", String.valueOf(originalMap));
    }

    private static CrushMap cephCrush() {
        return CrushDumpParser.parse(
                ceph.ceph("osd", "crush", "dump", "-f", "json").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode treeNode(String name) {
        for (JsonNode node :
                MAPPER.readTree(ceph.ceph("osd", "tree", "-f", "json")).get("nodes")) {
            if (node.get("name").asString().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no " + name + " in osd tree");
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

    private static long requestCount() {
        return admin.get("/api/v2/request").json().get("count").asLong();
    }
}
