package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixtureSnapshotsTest {
    @Test
    void recordedClustersBecomeCompleteSnapshots() {
        ClusterSnapshot healthy = FixtureSnapshots.healthy();
        assertThat(healthy.osdMap()).isPresent();
        assertThat(healthy.osdMap().orElseThrow().value().map().osds()).hasSize(3);
        assertThat(healthy.pgSummary()).isPresent();
        assertThat(healthy.config().orElseThrow().value()).containsKey("osd_pool_default_size");
        ClusterSnapshot degraded = FixtureSnapshots.degraded();
        assertThat(degraded.fsid()).isEqualTo(healthy.fsid());
        assertThat(degraded.osdMap().orElseThrow().version())
                .isGreaterThan(healthy.osdMap().orElseThrow().version());
    }
}
