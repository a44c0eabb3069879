package io.calamari.server.cluster;

import io.calamari.server.config.CephClusterConfig;
import io.calamari.simulator.SimulatedCluster;
import io.calamari.simulator.SimulatedRadosClient;
import io.calamari.simulator.SimulatorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The cluster of {@code calamari server --demo}: one simulated Pacific cluster, monitored exactly
 * as a real one is (same monitor, same commands, same JSON), so every read resource shows it. It is
 * described by a {@code ceph.conf} the server writes under its data directory, so that the cluster
 * has a name and an fsid before its first answer and its snapshot is restored after a restart.
 * Its scenarios are run on request from {@code calamari ctl demo} ({@link DemoInbox}).
 */
public final class DemoCluster {
    /** 4 racks, 24 hosts of 8 OSDs (192 OSDs), 6 pools, 6,144 PGs, 3 mons. */
    public static final SimulatorSpec SPEC = new SimulatorSpec(4, 24, 8, 6, 6144, 3, 1);

    private DemoCluster() {}

    /**
     * A registry, not polling yet, of the demo cluster built from {@code spec}; the cluster's
     * {@linkplain DemoInbox inbox} for scenarios is open until the registry is closed.
     */
    public static ClusterRegistry registry(SimulatorSpec spec, Path dataDirectory, Clock clock) {
        SimulatedCluster cluster = SimulatedCluster.build(spec, clock);
        Path conf = writeConf(dataDirectory.resolve("demo").resolve("ceph.conf"), cluster.fsid());
        ClusterRegistry registry = ClusterRegistry.create(
                List.of(new CephClusterConfig(conf, Optional.empty(), "client.admin")),
                connection -> new SimulatedRadosClient(cluster),
                clock,
                MonitorSettings.defaults());
        registry.closeWith(DemoInbox.serve(DemoInbox.directory(dataDirectory), cluster));
        return registry;
    }

    private static Path writeConf(Path conf, String fsid) {
        try {
            Files.createDirectories(conf.getParent());
            Files.writeString(
                    conf,
                    "# The simulated cluster of 'calamari server --demo'; written by the server at each start.\n"
                            + "[global]\nfsid = " + fsid + "\n",
                    StandardCharsets.UTF_8);
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo cluster's " + conf, e);
        }
    }
}
