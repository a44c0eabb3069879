package io.calamari.server.testing;

import io.calamari.ceph.jna.RadosConnector;
import io.calamari.server.cluster.ClusterRegistry;
import io.calamari.server.cluster.DemoCluster;
import io.calamari.server.cluster.MonitorSettings;
import io.calamari.server.config.CephClusterConfig;
import io.calamari.simulator.SimulatorSpec;
import io.calamari.testkit.CephCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real server monitoring a real lab cluster as {@code client.admin} (or a simulated cluster of the
 * lab's shape), on the real clock, with a fresh data directory: what the tests of requests against
 * a cluster start with. Closing it stops the server, then the monitoring.
 */
public final class LabServer implements AutoCloseable {
    /** A simulated cluster shaped like the lab's: three hosts of one OSD, two pools, one mon. */
    public static final SimulatorSpec LAB_LIKE = new SimulatorSpec(0, 3, 1, 2, 33, 1, 7);

    private final ClusterRegistry registry;
    private final TestServer server;
    private final String fsid;

    private LabServer(ClusterRegistry registry, TestServer server, String fsid) {
        this.registry = registry;
        this.server = server;
        this.fsid = fsid;
    }

    public static LabServer start(CephCluster ceph, Duration requestTimeout) throws Exception {
        ClusterRegistry registry = ClusterRegistry.start(
                List.of(new CephClusterConfig(ceph.confFile(), Optional.of(ceph.keyring()), "client.admin")),
                RadosConnector::connect,
                Clock.systemUTC(),
                MonitorSettings.defaults());
        return withServer(registry, Files.createTempDirectory("calamari-lab"), requestTimeout, ceph.fsid());
    }

    /** The same over a simulated cluster built from {@code spec} (see {@link #LAB_LIKE}). */
    public static LabServer simulated(SimulatorSpec spec, Duration requestTimeout) throws Exception {
        Path data = Files.createTempDirectory("calamari-simulated");
        ClusterRegistry registry = DemoCluster.registry(spec, data, Clock.systemUTC());
        registry.startMonitoring();
        return withServer(
                registry, data, requestTimeout, registry.clusters().get(0).fsid());
    }

    private static LabServer withServer(ClusterRegistry registry, Path data, Duration requestTimeout, String fsid)
            throws Exception {
        try {
            return new LabServer(registry, TestServer.startOnRealClock(registry, data, requestTimeout), fsid);
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
    }

    /** The monitored cluster's fsid. */
    public String fsid() {
        return fsid;
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
