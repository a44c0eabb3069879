package io.calamari.tsdb.storage;

import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.schema.Retention;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Retention and rollup for one partition: each series whose tier at the partition's step no longer
 * covers the partition's window is removed from it, after its intervals starting in the window were
 * aggregated into its next coarser tier (read as {@link TierReader} computes them, so the stored
 * rollup equals what was served before). The partition is rewritten without those series, or goes
 * when none is left. A series id without a series (its name lost) counts as expired. Stateless.
 */
public final class Rollups {
    private Rollups() {}

    /** Whether any series in the partition has expired at its step as of {@code now}. */
    public static boolean hasExpired(PartitionFile partition, SeriesStates states, long now) {
        ChunkIndex index = partition.index();
        for (int i = 0; i < index.size(); i++) {
            if (expired(partition, states.get(index.seriesId(i)), now)) {
                return true;
            }
        }
        return false;
    }

    private static boolean expired(PartitionFile partition, @Nullable SeriesState state, long now) {
        if (state == null) {
            return true;
        }
        List<Retention> tiers = state.tiers();
        for (Retention tier : tiers) {
            if (tier.step() == partition.step()) {
                return partition.windowEnd() <= now - tier.duration();
            }
        }
        // A step the series' current schema does not have: kept until the whole history expires.
        return partition.windowEnd() <= now - state.maxRetention();
    }

    /** Rolls up and drops the expired series of one partition. */
    public static PartitionChange run(
            PartitionFile partition,
            StoreFiles files,
            SeriesStates states,
            long now,
            Path directory,
            LongSupplier versions) {
        try (PartitionMerger merger = new PartitionMerger(directory, files, versions)) {
            ChunkIndex index = partition.index();
            for (int i = 0; i < index.size(); i++) {
                int seriesId = index.seriesId(i);
                SeriesState state = states.get(seriesId);
                if (state != null && expired(partition, state, now)) {
                    rollUp(merger, partition, files, seriesId, state);
                }
            }
            merger.rewriteWithout(partition, id -> expired(partition, states.get(id), now));
            return merger.finish();
        }
    }

    private static void rollUp(
            PartitionMerger merger, PartitionFile partition, StoreFiles files, int seriesId, SeriesState state) {
        List<Retention> tiers = state.tiers();
        int tier = -1;
        for (int t = 0; t < tiers.size(); t++) {
            if (tiers.get(t).step() == partition.step()) {
                tier = t;
            }
        }
        if (tier < 0 || tier + 1 >= tiers.size()) {
            return;
        }
        int step = tiers.get(tier + 1).step();
        long from = partition.windowStart() - Math.floorMod(partition.windowStart(), step);
        if (from < partition.windowStart()) {
            from += step;
        }
        long until = partition.windowEnd() - Math.floorMod(partition.windowEnd(), step);
        if (until < partition.windowEnd()) {
            until += step;
        }
        if (until <= from) {
            return;
        }
        SeriesView view = new SeriesView(seriesId, state, files, null, new long[0], Long.MAX_VALUE, new Points(1));
        double[] values = TierReader.read(view, tier + 1, from, until);
        Points points = new Points(values.length);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                points.add(from + (long) i * step, values[i]);
            }
        }
        if (points.size() > 0) {
            Compaction.addByWindow(merger, seriesId, step, points);
        }
    }

    /** The window length of partitions at a step. */
    public static long windowLength(int step) {
        return (long) step * TsdbConfig.PARTITION_STEPS;
    }
}
