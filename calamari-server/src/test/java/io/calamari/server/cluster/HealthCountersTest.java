package io.calamari.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.server.cluster.HealthCounters.Classification;
import org.junit.jupiter.api.Test;

/** Calamari's PG state classification. */
class HealthCountersTest {
    @Test
    void criticalBeatsWarnBeatsOk() {
        assertThat(HealthCounters.classify("active+clean")).isEqualTo(new Classification("ok", "active"));
        assertThat(HealthCounters.classify("active+clean+scrubbing+deep"))
                .isEqualTo(new Classification("warn", "scrubbing"));
        assertThat(HealthCounters.classify("active+undersized+degraded+remapped+backfill_wait"))
                .as("Pacific's name for Calamari's wait_backfill, and undersized, are warnings")
                .isEqualTo(new Classification("warn", "undersized"));
        assertThat(HealthCounters.classify("undersized+degraded+peered"))
                .isEqualTo(new Classification("critical", "peered"));
        assertThat(HealthCounters.classify("unknown"))
                .as("a state in no set is critical")
                .isEqualTo(new Classification("critical", "unknown"));
        assertThat(HealthCounters.classify("active+recovery_wait+degraded"))
                .isEqualTo(new Classification("warn", "recovery_wait"));
        assertThat(HealthCounters.classify("stale+active+clean")).isEqualTo(new Classification("critical", "stale"));
        assertThat(HealthCounters.classify("Active+Remapped+Peering"))
                .isEqualTo(new Classification("critical", "peering"));
        assertThat(HealthCounters.classify("active+undersized+stale"))
                .isEqualTo(new Classification("critical", "stale"));
        assertThat(HealthCounters.classify("creating")).isEqualTo(new Classification("warn", "creating"));
    }
}
