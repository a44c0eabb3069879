package io.calamari.tsdb.storage;

import io.calamari.tsdb.schema.Retention;
import io.calamari.tsdb.schema.StorageAggregation;
import java.util.Arrays;
import java.util.List;

/**
 * What the store keeps in memory for one series: its tiers and aggregation (from the schema files
 * as read at start), the head of raw points not yet sealed, and the offsets of its chunks in the
 * active level-0 file. Guarded by the store's write lock.
 */
public final class SeriesState {
    private final List<Retention> tiers;
    private final StorageAggregation.Rule aggregation;
    private long[] headTimes = new long[8];
    private double[] headValues = new double[8];
    private int headSize;
    private long[] activeChunks = new long[2];
    private int activeChunkCount;
    private long activeStart = Long.MAX_VALUE;

    public SeriesState(List<Retention> tiers, StorageAggregation.Rule aggregation) {
        this.tiers = List.copyOf(tiers);
        this.aggregation = aggregation;
    }

    public List<Retention> tiers() {
        return tiers;
    }

    public StorageAggregation.Rule aggregation() {
        return aggregation;
    }

    /** The raw step. */
    public int step() {
        return tiers.get(0).step();
    }

    /** Seconds of history the coarsest tier keeps. */
    public long maxRetention() {
        return tiers.get(tiers.size() - 1).duration();
    }

    /** Appends a raw point (already aligned to the step); returns whether the head is now full. */
    public boolean append(long time, double value, int capacity) {
        if (headSize == headTimes.length) {
            int grown = Math.min(capacity, headSize * 2);
            headTimes = Arrays.copyOf(headTimes, grown);
            headValues = Arrays.copyOf(headValues, grown);
        }
        headTimes[headSize] = time;
        headValues[headSize] = value;
        headSize++;
        return headSize >= capacity;
    }

    public int headSize() {
        return headSize;
    }

    /** A copy of the head, sorted, later writes to a slot winning. */
    public Points headPoints() {
        return new Points(Arrays.copyOf(headTimes, headSize), Arrays.copyOf(headValues, headSize), headSize)
                .sortedLastWins();
    }

    /**
     * Empties the head after it was sealed into a chunk at {@code offset} of the active file, its
     * earliest point at {@code firstTime}.
     */
    public void sealed(long offset, long firstTime) {
        activeStart = Math.min(activeStart, firstTime);
        headSize = 0;
        if (headTimes.length > 8) {
            headTimes = new long[8];
            headValues = new double[8];
        }
        if (activeChunkCount == activeChunks.length) {
            activeChunks = Arrays.copyOf(activeChunks, activeChunkCount * 2);
        }
        activeChunks[activeChunkCount++] = offset;
    }

    /** Offsets of this series' chunks in the active level-0 file, in write order. */
    public long[] activeChunks() {
        return Arrays.copyOf(activeChunks, activeChunkCount);
    }

    /** The earliest time in this series' chunks of the active file, or {@link Long#MAX_VALUE}. */
    public long activeStart() {
        return activeStart;
    }

    /** Forgets the active file's chunks when a new active file starts. */
    public void newActiveFile() {
        activeChunkCount = 0;
        activeStart = Long.MAX_VALUE;
        if (activeChunks.length > 2) {
            activeChunks = new long[2];
        }
    }
}
