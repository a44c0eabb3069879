package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.command.CephCommand.Target;
import io.calamari.ceph.rados.CommandResult;
import io.calamari.server.cluster.ClusterCommands;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FakeClusterDirectory;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.simulator.SimulatedCluster;
import io.calamari.simulator.SimulatedRadosClient;
import io.calamari.simulator.SimulatorSpec;
import io.calamari.testkit.MutableClock;
import io.calamari.tsdb.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsdLatencySamplerTest {
    @TempDir
    Path data;

    /** A cluster's commands answered by a simulated cluster's manager. */
    record SimulatedCommands(SimulatedRadosClient client) implements ClusterCommands {
        @Override
        public CommandResult send(Target target, Map<String, Object> arguments, byte[] input, Duration timeout) {
            return target == Target.MGR
                    ? client.mgrCommand(arguments, timeout)
                    : client.monCommand(arguments, input, timeout);
        }

        @Override
        public void refreshNow() {}

        @Override
        public void refreshPlacementGroupsNow() {}
    }

    @Test
    void writesEachOsdsCommitAndApplyLatency() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:05Z"));
        ClusterSnapshot healthy = FixtureSnapshots.healthy();
        SimulatedCluster simulated = SimulatedCluster.build(SimulatorSpec.of(2, 2, 1, 64));
        FakeClusterDirectory clusters = new FakeClusterDirectory(healthy);
        try (TimeSeriesStore store = MetricStores.open(data, clock);
                SimulatedRadosClient client = new SimulatedRadosClient(simulated)) {
            clusters.acceptCommands(healthy.fsid(), new SimulatedCommands(client));
            OsdLatencySampler sampler = new OsdLatencySampler(clusters, store, clock);

            assertThat(sampler.sampleOnce()).isEqualTo(8);

            String prefix = "ceph.cluster." + healthy.fsid() + ".osd.";
            assertThat(store.expand(prefix + "*.commit_latency_ms")).hasSize(4);
            long now = clock.instant().getEpochSecond();
            double[] commit = store.fetch(prefix + "3.commit_latency_ms", now - 30, now, now)
                    .orElseThrow()
                    .values();
            double[] apply = store.fetch(prefix + "3.apply_latency_ms", now - 30, now, now)
                    .orElseThrow()
                    .values();
            // The point is at the 10 s step the sample falls in.
            assertThat(commit[commit.length - 1]).isBetween(2.0, 10.0);
            assertThat(apply[apply.length - 1])
                    .isLessThan(commit[commit.length - 1])
                    .isPositive();

            // A cluster that takes no commands is skipped.
            clusters.forget(healthy.fsid());
            assertThat(sampler.sampleOnce()).isZero();
        }
    }
}
