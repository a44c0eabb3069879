package io.calamari.tsdb.storage;

import io.calamari.tsdb.TsdbConfig;
import io.calamari.tsdb.schema.Retention;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a series at one of its tiers into slots. The raw tier comes from partitions, level-0 chunks
 * and the head, later writes replacing earlier ones. A coarser tier comes from its own partitions
 * (rolled up when the finer tier's data expired) and, for the intervals from where the finer tier
 * still has data, is aggregated from that tier exactly as whisper propagates: per interval, the
 * aggregation method over the finer slots, or nothing when fewer than xFilesFactor are known.
 * Stateless; thread-safe.
 */
public final class TierReader {
    private TierReader() {}

    /** Slots {@code [from, until)} at the tier's step; both must be aligned to it; NaN = no point. */
    public static double[] read(SeriesView view, int tier, long from, long until) {
        List<Retention> tiers = view.state().tiers();
        int step = tiers.get(tier).step();
        int slots = (int) Math.max(0, (until - from) / step);
        double[] values = new double[slots];
        Arrays.fill(values, Double.NaN);
        if (slots == 0) {
            return values;
        }
        for (PartitionFile partition : view.files().partitions(step)) {
            if (partition.windowEnd() > from && partition.windowStart() < until) {
                int entry = partition.find(view.seriesId());
                if (entry >= 0) {
                    overlay(values, from, step, partition.read(entry));
                }
            }
        }
        if (tier == 0) {
            for (Points run : view.recentRaw()) {
                overlay(values, from, step, run);
            }
            return values;
        }
        long finerStart = finerDataStart(view, tier - 1);
        if (finerStart < until) {
            int ratio = step / tiers.get(tier - 1).step();
            long start = Math.max(from, finerStart - Math.floorMod(finerStart, step));
            double[] finer = read(view, tier - 1, start, until);
            for (int slot = (int) ((start - from) / step), group = 0; slot < slots; slot++, group += ratio) {
                double aggregate = view.state()
                        .aggregation()
                        .method()
                        .aggregate(
                                finer, group, ratio, view.state().aggregation().xFilesFactor());
                if (!Double.isNaN(aggregate) || slotIsFromFiner(slot, from, step, finerStart)) {
                    values[slot] = aggregate;
                }
            }
        }
        return values;
    }

    private static boolean slotIsFromFiner(int slot, long from, int step, long finerStart) {
        return from + (long) slot * step >= finerStart;
    }

    /**
     * Where a finer tier's data begins: the window start of its first partition holding the series,
     * or for the raw tier, of the first recent chunk. Intervals from there on are computed from it.
     */
    static long finerDataStart(SeriesView view, int tier) {
        int step = view.state().tiers().get(tier).step();
        for (PartitionFile partition : view.files().partitions(step)) {
            if (partition.find(view.seriesId()) >= 0) {
                return partition.windowStart();
            }
        }
        if (tier == 0) {
            long recent = view.recentRawStart();
            if (recent != Long.MAX_VALUE) {
                long window = (long) step * TsdbConfig.PARTITION_STEPS;
                return recent - Math.floorMod(recent, window);
            }
        }
        return Long.MAX_VALUE;
    }

    private static void overlay(double[] values, long from, int step, Points points) {
        long until = from + (long) values.length * step;
        for (int i = 0; i < points.size(); i++) {
            long time = points.timestamp(i);
            if (time >= from && time < until && Math.floorMod(time - from, step) == 0) {
                values[(int) ((time - from) / step)] = points.value(i);
            }
        }
    }
}
