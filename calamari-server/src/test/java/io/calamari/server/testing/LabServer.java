package io.calamari.server.testing;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.server.cluster.ClusterRegistry;
import io.calamari.server.cluster.MonitorSettings;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.testkit.CephCluster;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real server monitoring a real lab cluster as {@code client.admin}, on the real clock, with a
 * fresh data directory: what the integration tests against Ceph start with. Closing it stops the
 * server, then the monitoring.
 */
public final class LabServer implements AutoCloseable {
    private final ClusterRegistry registry;
    private final TestServer server;

    private LabServer(ClusterRegistry registry, TestServer server) {
        this.registry = registry;
        this.server = server;
    }

    public static LabServer start(CephCluster ceph, Duration requestTimeout) throws Exception {
        ClusterRegistry registry = ClusterRegistry.start(
                List.of(new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                MonitorSettings.defaults());
        try {
            return new LabServer(
                    registry,
                    TestServer.startOnRealClock(registry, Files.createTempDirectory("calamari-lab"), requestTimeout));
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
    }

    public ClusterRegistry registry() {
        return registry;
    }

    public TestServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }
}
