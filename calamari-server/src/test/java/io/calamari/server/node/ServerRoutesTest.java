package io.calamari.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.testing.ApiClient;
import io.calamari.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The server resources over the recorded degraded cluster and a copy of the healthy one under another fsid. */
class ServerRoutesTest {
    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private final ClusterSnapshot other =
            FixtureSnapshots.withFsid(FixtureSnapshots.healthy(), ServerInventoryTest.OTHER_FSID);
    private TestServer server;
    private ApiClient admin;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(new FakeClusterDirectory(degraded, other));
        admin = server.admin();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void serversSpanEveryCluster() {
        JsonNode servers = admin.get("/api/v2/server").json();
        assertThat(servers.valueStream().map(server -> server.get("fqdn").asString()))
                .containsExactly("a", "node0", "node1", "node2");

        JsonNode node0 = servers.get(1);
        assertThat(node0.propertyNames())
                .containsExactly(
                        "fqdn", "hostname", "managed", "last_contact", "boot_time", "ceph_version", "services");
        assertThat(node0.get("hostname").asString()).isEqualTo("node0");
        assertThat(node0.get("managed").asBoolean()).isFalse();
        assertThat(node0.get("last_contact").isNull()).isTrue();
        assertThat(node0.get("boot_time").isNull()).isTrue();
        assertThat(node0.get("ceph_version").asString()).startsWith("ceph version 16.2.15");
        assertThat(node0.get("services")).hasSize(2);
        assertThat(node0.get("services")
                        .valueStream()
                        .map(service -> service.get("fsid").asString()))
                .containsExactlyInAnyOrder(degraded.fsid(), other.fsid());
        JsonNode osd = node0.get("services").get(0);
        assertThat(osd.get("type").asString()).isEqualTo("osd");
        assertThat(osd.get("id").asString()).isEqualTo("0");
        assertThat(osd.get("running").asBoolean()).isTrue();

        JsonNode mon = admin.get("/api/v2/server/a").json();
        assertThat(mon.get("ceph_version").isNull()).isTrue();
        assertThat(mon.get("services")
                        .valueStream()
                        .map(service -> service.get("type").asString()))
                .containsOnly("mon");

        assertThat(admin.get("/api/v2/server/extrahost").status()).isEqualTo(404);
        assertThat(admin.get("/api/v2/server/bad_name").status()).isEqualTo(404);
    }

    @Test
    void theClusterViewAddsAddressesAndKeepsOnlyItsServices() {
        String base = "/api/v2/cluster/" + degraded.fsid();
        JsonNode servers = admin.get(base + "/server").json();
        assertThat(servers.valueStream().map(server -> server.get("fqdn").asString()))
                .containsExactly("a", "node0", "node1", "node2");

        JsonNode node1 = admin.get(base + "/server/node1").json();
        assertThat(node1.get("services")).hasSize(1);
        assertThat(node1.get("services").get(0).get("fsid").asString()).isEqualTo(degraded.fsid());
        assertThat(node1.get("frontend_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(node1.get("backend_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(node1.get("frontend_iface").isNull()).isTrue();
        assertThat(node1.get("backend_iface").isNull()).isTrue();

        JsonNode mon = admin.get(base + "/server/a").json();
        assertThat(mon.get("frontend_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(mon.get("backend_addr").isNull()).isTrue();

        assertThat(admin.get(base + "/server/extrahost").status()).isEqualTo(404);
        assertThat(admin.get("/api/v2/cluster/no-such-fsid/server/node1").status())
                .isEqualTo(404);
    }

    @Test
    void v1ListsHostsWithNamedServices() {
        JsonNode servers =
                admin.get("/api/v1/cluster/" + degraded.fsid() + "/server").json();
        assertThat(servers).hasSize(4);
        JsonNode node2 = servers.get(3);
        assertThat(node2.get("addr").asString()).isEqualTo("node2");
        assertThat(node2.get("hostname").asString()).isEqualTo("node2");
        assertThat(node2.get("name").asString()).isEqualTo("node2");
        JsonNode service = node2.get("services").get(0);
        assertThat(service.propertyNames()).containsExactly("type", "service_id", "name");
        assertThat(service.get("type").asString()).isEqualTo("osd");
        assertThat(service.get("service_id").asString()).isEqualTo("2");
        assertThat(service.get("name").asString()).isEqualTo("osd.2");
        assertThat(servers.get(0).get("services").get(0).get("name").asString()).isEqualTo("mon.a");
    }
}
