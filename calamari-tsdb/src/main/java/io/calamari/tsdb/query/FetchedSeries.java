package io.calamari.tsdb.query;

import static java.util.Objects.requireNonNull;

/**
 * One series' points from a fetch: {@code values[i]} is the point at {@code start + i * step}
 * (epoch seconds); {@link Double#NaN} stands for a missing point (Graphite's None).
 */
public record FetchedSeries(long start, long step, double[] values) {
    public FetchedSeries {
        requireNonNull(values, "values");
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
    }

    /** The end of the covered range, exclusive. */
    public long end() {
        return start + step * values.length;
    }
}
