package io.calamari.tsdb.storage;

import java.util.Arrays;

/**
 * Where each chunk of a file lies: parallel arrays of series id, record offset and time range,
 * sorted by series id (then by offset, which is write order) once {@link #sort} ran. Not
 * thread-safe while being built; read-only afterwards.
 */
final class ChunkIndex {
    private int[] seriesIds = new int[64];
    private long[] offsets = new long[64];
    private long[] minTimes = new long[64];
    private long[] maxTimes = new long[64];
    private int size;

    void add(int seriesId, long offset, long minTime, long maxTime) {
        if (size == seriesIds.length) {
            int capacity = size * 2;
            seriesIds = Arrays.copyOf(seriesIds, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            minTimes = Arrays.copyOf(minTimes, capacity);
            maxTimes = Arrays.copyOf(maxTimes, capacity);
        }
        seriesIds[size] = seriesId;
        offsets[size] = offset;
        minTimes[size] = minTime;
        maxTimes[size] = maxTime;
        size++;
    }

    /** Sorts by (series id, offset) so that {@link #first} can binary-search. */
    void sort() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                (a, b) -> seriesIds[a] != seriesIds[b]
                        ? Integer.compare(seriesIds[a], seriesIds[b])
                        : Long.compare(offsets[a], offsets[b]));
        int[] ids = new int[size];
        long[] sortedOffsets = new long[size];
        long[] mins = new long[size];
        long[] maxs = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = seriesIds[order[i]];
            sortedOffsets[i] = offsets[order[i]];
            mins[i] = minTimes[order[i]];
            maxs[i] = maxTimes[order[i]];
        }
        seriesIds = ids;
        offsets = sortedOffsets;
        minTimes = mins;
        maxTimes = maxs;
    }

    /** The first entry of a series after {@link #sort}, or -1. */
    int first(int seriesId) {
        int low = 0;
        int high = size - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (seriesIds[middle] < seriesId) {
                low = middle + 1;
            } else {
                if (seriesIds[middle] == seriesId) {
                    found = middle;
                }
                high = middle - 1;
            }
        }
        return found;
    }

    int size() {
        return size;
    }

    int seriesId(int index) {
        return seriesIds[index];
    }

    long offset(int index) {
        return offsets[index];
    }

    long minTime(int index) {
        return minTimes[index];
    }

    long maxTime(int index) {
        return maxTimes[index];
    }

    long minTime() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, minTimes[i]);
        }
        return min;
    }
}
