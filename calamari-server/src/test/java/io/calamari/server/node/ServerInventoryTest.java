package io.calamari.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.node.ServerInventory.ClusterServer;
import io.calamari.server.node.ServerInventory.Server;
import io.calamari.server.node.ServerInventory.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Servers derived from the recorded clusters, alone and together. */
class ServerInventoryTest {
    static final String OTHER_FSID = "00000000-0000-4000-8000-000000000002";

    private final ClusterSnapshot degraded = FixtureSnapshots.degraded();
    private final ClusterSnapshot healthyElsewhere = FixtureSnapshots.withFsid(FixtureSnapshots.healthy(), OTHER_FSID);

    @Test
    void crushHostsWithOsdsAndTheMonHostAreServers() {
        ServerInventory inventory = ServerInventory.of(List.of(degraded));

        // extrahost holds no OSD; node0 is linked under two roots but is one server.
        assertThat(inventory.servers()).extracting(Server::fqdn).containsExactly("a", "node0", "node1", "node2");
        Server node0 = inventory.server("node0").orElseThrow();
        assertThat(node0.hostname()).isEqualTo("node0");
        assertThat(node0.services()).containsExactly(new Service(degraded.fsid(), "osd", "0", true));
        assertThat(node0.cephVersion())
                .hasValueSatisfying(version -> assertThat(version).startsWith("ceph version 16.2.15"));

        Server mon = inventory.server("a").orElseThrow();
        assertThat(mon.services()).containsExactly(new Service(degraded.fsid(), "mon", "a", true));
        assertThat(mon.cephVersion()).isEmpty();
        assertThat(inventory.server("extrahost")).isEmpty();
    }

    @Test
    void aHostInTwoClustersIsOneServerWithTheServicesOfBoth() {
        ServerInventory inventory = ServerInventory.of(List.of(healthyElsewhere, degraded));

        assertThat(inventory.servers()).extracting(Server::fqdn).containsExactly("a", "node0", "node1", "node2");
        List<Service> services = inventory.server("node1").orElseThrow().services();
        List<String> fsids =
                List.of(degraded.fsid(), OTHER_FSID).stream().sorted().toList();
        assertThat(services)
                .containsExactly(
                        new Service(fsids.get(0), "osd", "1", true), new Service(fsids.get(1), "osd", "1", true));
        assertThat(inventory.server("a").orElseThrow().services())
                .extracting(Service::fsid)
                .containsExactlyElementsOf(fsids);
    }

    @Test
    void theClusterViewCarriesAddressesAndOnlyItsServices() {
        List<ClusterServer> servers = ServerInventory.clusterServers(degraded);
        assertThat(servers)
                .extracting(server -> server.server().fqdn())
                .containsExactly("a", "node0", "node1", "node2");

        ClusterServer node2 = servers.get(3);
        assertThat(node2.frontendAddr()).contains("127.0.0.1");
        assertThat(node2.backendAddr()).contains("127.0.0.1");
        ClusterServer mon = servers.get(0);
        assertThat(mon.frontendAddr()).contains("127.0.0.1");
        assertThat(mon.backendAddr()).isEmpty();
    }

    @Test
    void addressesLoseTheirPortAndNonce() {
        assertThat(ServerInventory.ip("10.0.0.1:6789/0")).contains("10.0.0.1");
        assertThat(ServerInventory.ip("[2001:db8::1]:6800/1234")).contains("2001:db8::1");
        assertThat(ServerInventory.ip("10.0.0.1")).contains("10.0.0.1");
        assertThat(ServerInventory.ip("")).isEmpty();
        assertThat(ServerInventory.ip("-")).isEmpty();
    }
}
