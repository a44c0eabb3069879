package io.calamari.tsdb.storage;

import java.util.Arrays;

/**
 * A run of one series' points: timestamps ascending, one value per timestamp. Mutable while being
 * built ({@link #add}), then treated as a value. Not thread-safe.
 */
public final class Points {
    private long[] timestamps;
    private double[] values;
    private int size;

    public Points(int capacity) {
        timestamps = new long[Math.max(1, capacity)];
        values = new double[Math.max(1, capacity)];
    }

    public Points(long[] timestamps, double[] values, int size) {
        this.timestamps = timestamps;
        this.values = values;
        this.size = size;
    }

    public void add(long timestamp, double value) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        timestamps[size] = timestamp;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    public double value(int index) {
        return values[index];
    }

    long[] timestampArray() {
        return timestamps;
    }

    double[] valueArray() {
        return values;
    }

    /**
     * Sorts by timestamp and keeps, for equal timestamps, the point added last: a later write to the
     * same slot replaces the earlier one, as in whisper.
     */
    public Points sortedLastWins() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = timestamps[i] > timestamps[i - 1];
        }
        if (sorted) {
            return this;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> timestamps[a] != timestamps[b]
                        ? Long.compare(timestamps[a], timestamps[b])
                        : Integer.compare(a, b));
        Points result = new Points(size);
        for (int i = 0; i < size; i++) {
            int index = order[i];
            if (result.size > 0 && result.timestamps[result.size - 1] == timestamps[index]) {
                result.values[result.size - 1] = values[index];
            } else {
                result.add(timestamps[index], values[index]);
            }
        }
        return result;
    }
}
