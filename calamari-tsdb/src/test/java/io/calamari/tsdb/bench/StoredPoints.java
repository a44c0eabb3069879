package io.calamari.tsdb.bench;

import io.calamari.tsdb.TimeSeriesStore;
import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.index.SeriesIndex.PathMatch;
import io.calamari.tsdb.schema.StorageAggregation;
import io.calamari.tsdb.schema.StorageSchemas;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Counts the raw points a store holds in the day ending at END, opening it as a restarted server
 * would (replaying its write-ahead log): the kill -9 part of {@code bench/tsdb-vs-carbon.sh}.
 * Prints one number. Usage: {@code StoredPoints STORE_DIRECTORY END}
 */
public final class StoredPoints {
    private StoredPoints() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        long end = Long.parseLong(args[1]);
        Clock clock = Clock.fixed(Instant.ofEpochSecond(end), ZoneOffset.UTC);
        StorageSchemas schemas = StorageSchemas.parse("[all]\npattern = .*\nretentions = 10s:1d,1m:30d,1h:2y\n");
        try (TimeSeriesStore store =
                TimeSeriesStore.open(TsdbConfig.of(directory, schemas, StorageAggregation.defaults(), clock))) {
            System.out.println(count(store, "*", end));
        }
    }

    private static long count(TimeSeriesStore store, String pattern, long end) {
        long points = 0;
        for (PathMatch match : store.find(pattern)) {
            if (match.leaf()) {
                for (double value : store.fetch(match.path(), end - 86_400, end, end)
                        .orElseThrow()
                        .values()) {
                    points += Double.isNaN(value) ? 0 : 1;
                }
            }
            if (match.branch()) {
                points += count(store, match.path() + ".*", end);
            }
        }
        return points;
    }
}
