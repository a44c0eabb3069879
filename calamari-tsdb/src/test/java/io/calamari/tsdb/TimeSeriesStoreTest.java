package io.calamari.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesStoreTest {
    /** 2023-11-15T00:00:00Z: the start of a day, so of a 10 s partition window, and of a minute and an hour. */
    static final long T0 = 1_700_006_400L;

    static final String SCHEMAS = """
            [short]
            pattern = ^short\\.
            retentions = 10s:1h,60s:1d,1h:30d

            [default]
            pattern = .*
            retentions = 10s:1d,60s:7d
            """;

    @TempDir
    Path directory;

    final MutableClock clock = new MutableClock(T0);
    TimeSeriesStore store;

    TimeSeriesStore open() {
        TsdbConfig config =
                TsdbConfig.of(directory, StorageSchemas.parse(SCHEMAS), StorageAggregation.defaults(), clock);
        store = TimeSeriesStore.open(config);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    void write(String name, long... timesAndValues) throws InterruptedException {
        PointBatch batch = new PointBatch(16);
        int id = store.seriesId(name);
        for (int i = 0; i < timesAndValues.length; i += 2) {
            batch.add(id, timesAndValues[i], timesAndValues[i + 1]);
        }
        store.write(batch);
    }

    static List<Double> values(FetchedSeries series) {
        return Arrays.stream(series.values()).boxed().toList();
    }

    @Test
    void fetchesAsWhisperDoesFromExclusiveUntilInclusive() throws Exception {
        open();
        clock.advance(Duration.ofSeconds(100));
        write("a.b", T0 + 10, 1, T0 + 20, 2, T0 + 35, 3, T0 + 40, 4);

        FetchedSeries series =
                store.fetch("a.b", T0 + 10, T0 + 40, clock.seconds()).orElseThrow();

        // Intervals start after `from`'s slot and include `until`'s slot; 35 lands in slot 30.
        assertThat(series.start()).isEqualTo(T0 + 20);
        assertThat(series.step()).isEqualTo(10);
        assertThat(values(series)).containsExactly(2.0, 3.0, 4.0);
        // A zero-length range still returns the next point.
        assertThat(values(store.fetch("a.b", T0 + 15, T0 + 15, clock.seconds()).orElseThrow()))
                .containsExactly(2.0);
        assertThat(store.fetch("a.c", T0, T0 + 40, clock.seconds())).isEmpty();
    }

    @Test
    void aLaterWriteToTheSameSlotWins() throws Exception {
        open();
        clock.advance(Duration.ofSeconds(100));
        write("a.b", T0 + 10, 1, T0 + 11, 5);
        write("a.b", T0 + 19, 7);
        assertThat(values(store.fetch("a.b", T0, T0 + 20, clock.seconds()).orElseThrow()))
                .containsExactly(7.0, Double.NaN);
        store.compactNow();
        write("a.b", T0 + 10, 8);
        assertThat(values(store.fetch("a.b", T0, T0 + 20, clock.seconds()).orElseThrow()))
                .containsExactly(8.0, Double.NaN);
        store.compactNow();
        assertThat(values(store.fetch("a.b", T0, T0 + 20, clock.seconds()).orElseThrow()))
                .containsExactly(8.0, Double.NaN);
    }

    @Test
    void readsTheSameFromHeadsChunksAndPartitionsAndAfterReopening() throws Exception {
        open();
        clock.advance(Duration.ofHours(2));
        for (int i = 0; i < 700; i++) {
            write("servers.node1.cpu.total.user", T0 + 10L * i, i % 17);
        }
        long now = clock.seconds();
        List<Double> fromHeadsAndChunks = values(
                store.fetch("servers.node1.cpu.total.user", T0 - 10, now, now).orElseThrow());
        assertThat(fromHeadsAndChunks.subList(0, 3)).containsExactly(0.0, 1.0, 2.0);
        assertThat(fromHeadsAndChunks.stream().filter(v -> !v.isNaN()).count()).isEqualTo(700);

        store.compactNow();
        assertThat(store.stats().partitions()).isEqualTo(1);
        assertThat(values(store.fetch("servers.node1.cpu.total.user", T0 - 10, now, now)
                        .orElseThrow()))
                .isEqualTo(fromHeadsAndChunks);

        store.close();
        store = null;
        open();
        assertThat(values(store.fetch("servers.node1.cpu.total.user", T0 - 10, now, now)
                        .orElseThrow()))
                .isEqualTo(fromHeadsAndChunks);
        assertThat(store.expand("servers.*.cpu.total.*")).containsExactly("servers.node1.cpu.total.user");
    }

    @Test
    void coarserTiersAggregateTheFinerAsWhisperPropagates() throws Exception {
        open();
        clock.advance(Duration.ofHours(3));
        // One minute fully known, one with 3 of 6 points (xFilesFactor 0.5 keeps it), one with 2 (dropped).
        write("a.b", T0, 1, T0 + 10, 2, T0 + 20, 3, T0 + 30, 4, T0 + 40, 5, T0 + 50, 6);
        write("a.b", T0 + 60, 10, T0 + 70, 20, T0 + 80, 30);
        write("a.b", T0 + 120, 100, T0 + 130, 200);
        long now = clock.seconds();

        // From two days ago only the 60 s tier (7 days) covers the range.
        FetchedSeries minutes = store.fetch("a.b", now - Duration.ofDays(2).toSeconds(), now, now)
                .orElseThrow();
        assertThat(minutes.step()).isEqualTo(60);
        int first = (int) ((T0 - minutes.start()) / 60);
        assertThat(values(minutes).subList(first, first + 3)).containsExactly(3.5, 20.0, Double.NaN);
    }

    @Test
    void expiredRawDataIsRolledUpThenDroppedAndReadsStayTheSame() throws Exception {
        open();
        for (int i = 0; i < 360; i++) {
            write("short.x", T0 + 10L * i, i);
        }
        clock.advance(Duration.ofHours(2));
        long now = clock.seconds();
        List<Double> minutesBefore =
                values(store.fetch("short.x", now - 7_200, now, now).orElseThrow());
        // `from` (T0) is exclusive, so the first minute is T0 + 60: the average of points 6 to 11.
        assertThat(minutesBefore.get(0)).isEqualTo(8.5);
        store.compactNow();
        int partitionsBefore = store.stats().partitions();

        // Past the raw tier's retention (1 h) beyond the end of its day-long window.
        clock.advance(Duration.ofDays(2));
        store.compactNow();
        long later = clock.seconds();
        FetchedSeries hourly =
                store.fetch("short.x", T0 - 3_600, T0 + 3_600, later).orElseThrow();
        assertThat(hourly.step()).isEqualTo(3_600);
        assertThat(values(hourly)).containsExactly(179.5, Double.NaN);
        assertThat(store.stats().partitions())
                .as("the raw partition replaced by a 60 s one")
                .isEqualTo(1);

        // Past the 60 s tier's day beyond the end of its six-day window: only the hour tier is left.
        clock.advance(Duration.ofDays(8));
        store.compactNow();
        store.close();
        store = null;
        open();
        FetchedSeries stored =
                store.fetch("short.x", T0 - 3_600, T0 + 3_600, clock.seconds()).orElseThrow();
        assertThat(values(stored)).containsExactly(179.5, Double.NaN);
        assertThat(store.stats().partitions()).isEqualTo(1);
        assertThat(partitionsBefore).isEqualTo(1);

        // Past the hour tier's 30 days, nothing is left.
        clock.advance(Duration.ofDays(400));
        store.compactNow();
        assertThat(store.stats().partitions()).isZero();
        assertThat(store.fetch("short.x", T0 - 3_600, T0 + 3_600, clock.seconds()))
                .isEmpty();
    }

    @Test
    void pointsOlderThanTheLongestRetentionAreDroppedAndCounted() throws Exception {
        open();
        clock.advance(Duration.ofDays(10));
        write("a.b", T0, 1, clock.seconds() - 60, 2);
        assertThat(store.stats().pointsTooOld()).isEqualTo(1);
        assertThat(store.stats().pointsWritten()).isEqualTo(1);
    }
}
