package io.calamari.server.crush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The CRUSH resources over the recorded degraded cluster (extra roots, an EC rule, an empty root). */
class CrushRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private TestServer server;
    private ApiClient admin;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(degraded));
        admin = server.admin();
        base = "/api/v2/cluster/" + degraded.fsid();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rulesCarryTheirStepsAndTheOsdsTheyReach() {
        JsonNode rules = admin.get(base + "/crush_rule").json();

        assertThat(rules.valueStream().map(rule -> rule.get("name").asString()))
                .containsExactly("replicated_rule", "ecpool", "emptyrule", "extrarule");
        assertThat(rules.valueStream().map(rule -> rule.get("osd_count").asInt()))
                .containsExactly(3, 3, 0, 1);

        JsonNode replicated = rules.get(0);
        assertThat(replicated.get("id").asInt()).isZero();
        assertThat(replicated.get("ruleset").asInt()).isZero();
        assertThat(replicated.get("type").asString()).isEqualTo("replicated");
        assertThat(replicated.get("min_size").asInt()).isEqualTo(1);
        assertThat(replicated.get("max_size").asInt()).isEqualTo(10);
        JsonNode take = replicated.get("steps").get(0);
        assertThat(take.get("op").asString()).isEqualTo("take");
        assertThat(take.get("item").asInt()).isEqualTo(-1);
        assertThat(take.get("item_name").asString()).isEqualTo("default");
        assertThat(take.has("num")).isFalse();
        JsonNode choose = replicated.get("steps").get(1);
        assertThat(choose.get("op").asString()).isEqualTo("chooseleaf_firstn");
        assertThat(choose.get("num").asInt()).isZero();
        assertThat(choose.get("type").asString()).isEqualTo("host");
        assertThat(choose.has("item")).isFalse();
        assertThat(replicated.get("steps").get(2).propertyNames()).containsExactly("op");

        JsonNode erasure = rules.get(1);
        assertThat(erasure.get("type").asString()).isEqualTo("erasure");
        assertThat(erasure.get("min_size").asInt()).isEqualTo(3);
        assertThat(erasure.get("steps").get(0).get("op").asString()).isEqualTo("set_chooseleaf_tries");
        assertThat(erasure.get("steps").get(0).get("num").asInt()).isEqualTo(5);
    }

    @Test
    void oneRuleByIdAnd404s() {
        JsonNode empty = admin.get(base + "/crush_rule/2").json();
        assertThat(empty.get("name").asString()).isEqualTo("emptyrule");
        assertThat(empty.get("osd_count").asInt()).isZero();
        assertThat(empty.get("steps").get(0).get("item_name").asString()).isEqualTo("emptyroot");

        assertThat(admin.get(base + "/crush_rule/99").status()).isEqualTo(404);
        assertThat(admin.get(base + "/crush_rule/-1").status()).isEqualTo(404);
        assertThat(admin.get(base + "/crush_rule/abc").status()).isEqualTo(404);
        assertThat(admin.get("/api/v2/cluster/no-such-fsid/crush_rule/0").status())
                .isEqualTo(404);
    }

    @Test
    void ruleSetsGroupRulesByRuleset() {
        JsonNode sets = admin.get(base + "/crush_rule_set").json();
        assertThat(sets.valueStream().map(set -> set.get("id").asInt())).containsExactly(0, 1, 2, 3);
        assertThat(sets.get(3).get("rules")).hasSize(1);
        assertThat(sets.get(3).get("rules").get(0).get("name").asString()).isEqualTo("extrarule");
        assertThat(sets.get(3).get("rules").get(0).get("osd_count").asInt()).isEqualTo(1);
    }

    @Test
    void nodesAreTheBucketsWithoutShadows() {
        JsonNode nodes = admin.get(base + "/crush_node").json();
        assertThat(nodes.valueStream().map(node -> node.get("id").asInt()))
                .containsExactly(-1, -3, -5, -7, -9, -10, -13);
        assertThat(nodes.valueStream().map(node -> node.get("name").asString()))
                .containsExactly("default", "node0", "node1", "node2", "extra", "extrahost", "emptyroot");

        JsonNode root = nodes.get(0);
        assertThat(root.get("bucket_type").asString()).isEqualTo("root");
        assertThat(root.get("weight").asDouble()).isCloseTo(39 / 65536.0, within(1e-12));
        assertThat(root.get("alg").asString()).isEqualTo("straw2");
        assertThat(root.get("hash").asString()).isEqualTo("rjenkins1");
        assertThat(root.get("items").valueStream().map(item -> item.get("id").asInt()))
                .containsExactly(-3, -5, -7);
        assertThat(root.get("items").get(2).get("pos").asInt()).isEqualTo(2);
        assertThat(root.get("items").get(0).get("weight").asDouble()).isCloseTo(13 / 65536.0, within(1e-12));

        // node0 is linked under both "default" and "extra".
        JsonNode extra = admin.get(base + "/crush_node/-9").json();
        assertThat(extra.get("items").valueStream().map(item -> item.get("id").asInt()))
                .containsExactly(-10, -3);
        assertThat(admin.get(base + "/crush_node/-13").json().get("items")).isEmpty();
        JsonNode host = admin.get(base + "/crush_node/-3").json();
        assertThat(host.get("bucket_type").asString()).isEqualTo("host");
        assertThat(host.get("items").get(0).get("id").asInt()).isZero();

        assertThat(admin.get(base + "/crush_node/-2").status())
                .as("shadow bucket")
                .isEqualTo(404);
        assertThat(admin.get(base + "/crush_node/-99").status()).isEqualTo(404);
        assertThat(admin.get(base + "/crush_node/x").status()).isEqualTo(404);
    }

    @Test
    void typesAreListedAndFoundById() {
        JsonNode types = admin.get(base + "/crush_type").json();
        assertThat(types).hasSize(12);
        assertThat(types.get(0).get("id").asInt()).isZero();
        assertThat(types.get(0).get("name").asString()).isEqualTo("osd");
        assertThat(types.get(11).get("name").asString()).isEqualTo("root");

        JsonNode host = admin.get(base + "/crush_type/1").json();
        assertThat(host.get("id").asInt()).isEqualTo(1);
        assertThat(host.get("name").asString()).isEqualTo("host");
        assertThat(admin.get(base + "/crush_type/12").status()).isEqualTo(404);
        assertThat(admin.get(base + "/crush_type/-1").status()).isEqualTo(404);
    }

    @Test
    void readOnlyUsersMayRead() {
        ApiClient reader = server.userWithRole("reader", "readonly");
        assertThat(reader.get(base + "/crush_rule").status()).isEqualTo(200);
        assertThat(server.anonymous().get(base + "/crush_rule").status()).isEqualTo(403);
    }
}
