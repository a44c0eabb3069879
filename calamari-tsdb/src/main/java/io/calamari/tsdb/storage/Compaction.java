package io.calamari.tsdb.storage;

import io.calamari.tsdb.TsdbConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Merges closed level-0 files into time partitions: series by series in id order, all of a series'
 * chunks (in write order, later writes winning per slot) split by window and merged into that
 * window's partition. Stateless; the store runs one compaction at a time.
 */
public final class Compaction {
    private Compaction() {}

    /** Writes the new partitions; the caller publishes them and retires {@code replaced} and the inputs. */
    public static PartitionChange run(
            List<Level0File> inputs, StoreFiles files, SeriesStates states, Path directory, LongSupplier versions) {
        int[] cursors = new int[inputs.size()];
        try (PartitionMerger merger = new PartitionMerger(directory, files, versions)) {
            while (true) {
                int seriesId = nextSeries(inputs, cursors);
                if (seriesId == Integer.MAX_VALUE) {
                    break;
                }
                Points points = new Points(16);
                for (int f = 0; f < inputs.size(); f++) {
                    ChunkIndex index = inputs.get(f).index();
                    while (cursors[f] < index.size() && index.seriesId(cursors[f]) == seriesId) {
                        Points run = inputs.get(f).read(index.offset(cursors[f]));
                        for (int i = 0; i < run.size(); i++) {
                            points.add(run.timestamp(i), run.value(i));
                        }
                        cursors[f]++;
                    }
                }
                SeriesState state = states.get(seriesId);
                if (state != null) {
                    addByWindow(merger, seriesId, state.step(), points.sortedLastWins());
                }
            }
            return merger.finish();
        }
    }

    private static int nextSeries(List<Level0File> inputs, int[] cursors) {
        int next = Integer.MAX_VALUE;
        for (int f = 0; f < inputs.size(); f++) {
            ChunkIndex index = inputs.get(f).index();
            if (cursors[f] < index.size()) {
                next = Math.min(next, index.seriesId(cursors[f]));
            }
        }
        return next;
    }

    /** Splits sorted points by partition window and hands each part to the merger. */
    static void addByWindow(PartitionMerger merger, int seriesId, int step, Points points) {
        long window = (long) step * TsdbConfig.PARTITION_STEPS;
        int start = 0;
        while (start < points.size()) {
            long windowStart = points.timestamp(start) - Math.floorMod(points.timestamp(start), window);
            int end = start;
            Points part = new Points(16);
            while (end < points.size() && points.timestamp(end) < windowStart + window) {
                part.add(points.timestamp(end), points.value(end));
                end++;
            }
            merger.add(seriesId, step, windowStart, windowStart + window, part);
            start = end;
        }
    }
}
