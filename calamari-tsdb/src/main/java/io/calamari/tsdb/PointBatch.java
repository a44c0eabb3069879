package io.calamari.tsdb;

import java.util.Arrays;

/**
 * A reusable batch of points bound for one {@link PointSink#write}: parallel primitive arrays of
 * series id, timestamp (epoch seconds) and value, so that ingest allocates nothing per point. Not
 * thread-safe: one batch per connection or thread.
 */
public final class PointBatch {
    private int[] seriesIds;
    private long[] timestamps;
    private double[] values;
    private int size;

    public PointBatch(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        seriesIds = new int[capacity];
        timestamps = new long[capacity];
        values = new double[capacity];
    }

    /** Adds one point; the arrays grow as needed. */
    public void add(int seriesId, long timestampSeconds, double value) {
        if (size == seriesIds.length) {
            int capacity = size * 2;
            seriesIds = Arrays.copyOf(seriesIds, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        seriesIds[size] = seriesId;
        timestamps[size] = timestampSeconds;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int seriesId(int index) {
        return seriesIds[index];
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    public double value(int index) {
        return values[index];
    }

    public void clear() {
        size = 0;
    }
}
