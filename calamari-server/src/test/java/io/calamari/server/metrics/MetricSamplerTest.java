package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.ceph.model.ClusterDf;
import io.calamari.ceph.model.PoolUsage;
import io.calamari.server.cluster.ClusterSnapshot;
import io.calamari.server.cluster.FixtureSnapshots;
import io.calamari.server.cluster.Part;
import io.calamari.testkit.MutableClock;
import io.calamari.tsdb.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricSamplerTest {
    static final Instant START = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(START);
    TimeSeriesStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static ClusterSnapshot withPools(ClusterSnapshot s, long reads, long readBytes, long writes, long writeBytes) {
        ClusterDf df = s.df().orElseThrow().value();
        List<PoolUsage> pools = df.pools().stream()
                .map(p -> new PoolUsage(
                        p.id(),
                        p.name(),
                        p.stored() + 1_000,
                        p.objects() + 10,
                        p.bytesUsed(),
                        p.percentUsed(),
                        p.maxAvailable(),
                        reads,
                        readBytes,
                        writes,
                        writeBytes))
                .toList();
        ClusterDf changed = new ClusterDf(df.totalBytes(), df.totalUsedBytes(), df.totalAvailableBytes(), pools);
        return new ClusterSnapshot(
                s.fsid(),
                s.name(),
                s.updateTime(),
                s.reachable(),
                s.lastError(),
                s.restored(),
                s.status(),
                s.osdMap(),
                s.monMap(),
                s.quorum(),
                s.fsMap(),
                s.health(),
                s.config(),
                Optional.of(new Part<>(changed, 2, START)),
                s.pgSummary());
    }

    double latest(String name) {
        long now = clock.instant().getEpochSecond();
        double[] values = store.fetch(name, now - 60, now, now).orElseThrow().values();
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    @Test
    void writesCalamarisSeriesWithRatesFromTheCounters() {
        store = MetricStores.open(data, clock);
        MetricSampler sampler = new MetricSampler(store, clock);
        ClusterSnapshot healthy = FixtureSnapshots.healthy();
        String prefix = "ceph.cluster." + healthy.fsid() + ".";
        int pools = healthy.df().orElseThrow().value().pools().size();

        sampler.published(Optional.empty(), withPools(healthy, 100, 4_096, 50, 1_024_000));
        // A second snapshot within the same 10 s step writes nothing.
        clock.advance(Duration.ofSeconds(5));
        sampler.published(Optional.empty(), withPools(healthy, 10_000, 0, 0, 0));
        clock.advance(Duration.ofSeconds(5));
        sampler.published(Optional.empty(), withPools(healthy, 300, 4_096 + 20_480, 150, 1_024_000 + 102_400));

        ClusterDf df = healthy.df().orElseThrow().value();
        assertThat(latest(prefix + "df.total_bytes")).isEqualTo((double) df.totalBytes());
        assertThat(latest(prefix + "df.total_avail_bytes")).isEqualTo((double) df.totalAvailableBytes());
        int pool = df.pools().get(0).id();
        assertThat(latest(prefix + "pool." + pool + ".num_read")).isEqualTo(20.0);
        assertThat(latest(prefix + "pool." + pool + ".num_write")).isEqualTo(10.0);
        assertThat(latest(prefix + "pool." + pool + ".num_read_kb")).isEqualTo(2.0);
        assertThat(latest(prefix + "pool." + pool + ".num_write_kb")).isEqualTo(10.0);
        assertThat(latest(prefix + "pool.all.num_read")).isEqualTo(20.0 * pools);
        assertThat(latest(prefix + "pool.all.num_objects")).isEqualTo((double)
                df.pools().stream().mapToLong(p -> p.objects() + 10).sum());
        assertThat(latest(prefix + "osd.up")).isEqualTo(3.0);
        assertThat(latest(prefix + "pg.total"))
                .isEqualTo((double) healthy.pgSummary().orElseThrow().value().placementGroupCount());
        assertThat(store.expand(prefix + "pg.states.*")).contains(prefix + "pg.states.active_clean");
        assertThat(latest(prefix + "health.status")).isEqualTo(0.0);
    }

    @Test
    void staleAndUnreachableSnapshotsWriteNothing() {
        store = MetricStores.open(data, clock);
        MetricSampler sampler = new MetricSampler(store, clock);
        ClusterSnapshot unreached = ClusterSnapshot.unreached("f00", "ceph", START, "no answer");
        sampler.published(Optional.empty(), unreached);
        assertThat(store.expand("ceph.cluster.*.*")).isEmpty();
    }
}
