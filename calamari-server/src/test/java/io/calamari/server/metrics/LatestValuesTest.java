package io.calamari.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.testkit.MutableClock;
import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestValuesTest {
    @TempDir
    Path data;

    @Test
    void looksBackAMinuteThenTenMinutesAnHourADayAWeekAsCalamariDid() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T00:00:00Z"));
        try (TimeSeriesStore store = MetricStores.open(data, clock)) {
            LatestValues latest = new LatestValues(store, clock);
            long start = clock.instant().getEpochSecond();
            PointBatch batch = new PointBatch(4);
            batch.add(store.seriesId("a.b"), start - 10, 1);
            batch.add(store.seriesId("a.b"), start, 2);
            store.write(batch);
            clock.advance(Duration.ofSeconds(30));
            assertThat(latest.latest("a.b")).contains(2.0);

            // Twenty minutes later: outside one minute and ten, inside the hour.
            clock.advance(Duration.ofMinutes(20));
            assertThat(latest.latest("a.b")).contains(2.0);

            // Beyond a week nothing is latest, and an unknown series has nothing.
            clock.advance(Duration.ofDays(8));
            assertThat(latest.latest("a.b")).isEmpty();
            assertThat(latest.latest("a.c")).isEmpty();
        }
    }
}
