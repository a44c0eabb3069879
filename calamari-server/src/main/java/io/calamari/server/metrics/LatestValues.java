package io.calamari.server.metrics;

import static java.util.Objects.requireNonNull;

import io.calamari.tsdb.query.FetchedSeries;
import io.calamari.tsdb.query.SeriesSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The latest value of a series as Calamari's v1 API read it from Graphite: the last non-null point
 * within the last minute, else ten minutes, an hour, a day, a week. Thread-safe.
 */
public final class LatestValues {
    private static final List<Long> LOOKBACK_SECONDS = List.of(60L, 600L, 3_600L, 86_400L, 604_800L);

    private final SeriesSource source;
    private final Clock clock;

    public LatestValues(SeriesSource source, Clock clock) {
        this.source = requireNonNull(source, "source");
        this.clock = requireNonNull(clock, "clock");
    }

    public Optional<Double> latest(String path) {
        long now = clock.millis() / 1000;
        for (long lookback : LOOKBACK_SECONDS) {
            Optional<FetchedSeries> series = source.fetch(path, now - lookback, now, now);
            if (series.isEmpty()) {
                return Optional.empty();
            }
            double[] values = series.get().values();
            for (int i = values.length - 1; i >= 0; i--) {
                if (!Double.isNaN(values[i])) {
                    return Optional.of(values[i]);
                }
            }
        }
        return Optional.empty();
    }
}
