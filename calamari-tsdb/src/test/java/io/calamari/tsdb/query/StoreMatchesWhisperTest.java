package io.calamari.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.calamari.tsdb.PointBatch;
import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against real whisper on the golden dataset: the raw points graphite-web's whisper file
 * kept at 10 s, written into the store with the same archives ({@code 10s:6h,60s:2d}, average,
 * xFilesFactor 0.5), read back at both tiers. The 60 s answer is whisper's propagation, computed by
 * whisper itself when the dataset was recorded; here the store computes it from the 10 s tier.
 */
class StoreMatchesWhisperTest {
    @TempDir
    Path directory;

    @Test
    void bothTiersAnswerAsWhisperDid() throws Exception {
        WhisperDatasetSource whisper = WhisperDatasetSource.load();
        long now = whisper.now();
        String name = "fast.node1.load";
        StorageSchemas schemas = StorageSchemas.parse("[fast]\npattern = ^fast\\.\nretentions = 10s:6h,60s:2d\n");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        try (TimeSeriesStore store = TimeSeriesStore.open(TsdbConfig.of(
                directory, schemas, StorageAggregation.parse("[all]\npattern = .*\nxFilesFactor = 0.5\n"), clock))) {
            Map<Long, Double> raw = new TreeMap<>(whisper.slots(name, 0));
            PointBatch batch = new PointBatch(raw.size());
            int id = store.seriesId(name);
            raw.forEach((time, value) -> batch.add(id, time, value));
            store.write(batch);

            // The 10 s tier: the last five hours.
            assertSame(store.fetch(name, now - 5 * 3_600, now, now), whisper.fetch(name, now - 5 * 3_600, now, now));
            // The 60 s tier over the six hours the 10 s tier still holds, before and after compaction.
            long from = now - 6 * 3_600 + 60;
            FetchedSeries expected = whisper.fetch(name, now - 86_400, now, now).orElseThrow();
            assertSame(
                    store.fetch(name, now - 86_400, now, now).map(s -> window(s, from)),
                    Optional.of(window(expected, from)));
            store.compactNow();
            assertSame(
                    store.fetch(name, now - 86_400, now, now).map(s -> window(s, from)),
                    Optional.of(window(expected, from)));
        }
    }

    /** The part of a fetched series from {@code from} on. */
    private static FetchedSeries window(FetchedSeries series, long from) {
        int skip = (int) ((from - series.start()) / series.step());
        double[] values = Arrays.copyOfRange(series.values(), skip, series.values().length);
        return new FetchedSeries(series.start() + skip * series.step(), series.step(), values);
    }

    private static void assertSame(Optional<FetchedSeries> actual, Optional<FetchedSeries> expected) {
        assertThat(actual).isPresent();
        assertThat(expected).isPresent();
        assertThat(actual.get().start()).isEqualTo(expected.get().start());
        assertThat(actual.get().step()).isEqualTo(expected.get().step());
        assertThat(actual.get().values()).hasSize(expected.get().values().length);
        long known = Arrays.stream(expected.get().values())
                .filter(v -> !Double.isNaN(v))
                .count();
        assertThat(known).as("whisper has points in the compared range").isPositive();
        for (int i = 0; i < expected.get().values().length; i++) {
            double want = expected.get().values()[i];
            double got = actual.get().values()[i];
            if (Double.isNaN(want)) {
                assertThat(got).as("slot %d", i).isNaN();
            } else {
                assertThat(got).as("slot %d", i).isCloseTo(want, offset(1e-9));
            }
        }
    }
}
