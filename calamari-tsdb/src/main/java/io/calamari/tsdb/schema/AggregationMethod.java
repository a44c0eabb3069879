package io.calamari.tsdb.schema;

import java.util.Locale;

/**
 * How a coarser tier's point is computed from the finer tier's points in its interval, whisper's
 * methods. {@code avgZero} counts missing points as 0; the others use only known points.
 */
public enum AggregationMethod {
    AVERAGE,
    SUM,
    LAST,
    MAX,
    MIN,
    AVG_ZERO,
    ABSMAX,
    ABSMIN;

    /** Whisper's name: {@code average}, {@code avg_zero}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AggregationMethod parse(String name) {
        for (AggregationMethod method : values()) {
            if (method.wireName().equals(name.trim())) {
                return method;
            }
        }
        throw new IllegalArgumentException(
                "unknown aggregationMethod '" + name + "' (average, sum, last, max, min, avg_zero, absmax, absmin)");
    }

    /**
     * The aggregate of the known values among {@code values[from, from + count)} (NaN = missing), or
     * NaN when fewer than {@code xFilesFactor} of the slots are known.
     */
    public double aggregate(double[] values, int from, int count, double xFilesFactor) {
        int known = 0;
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double absMax = Double.NaN;
        double absMin = Double.NaN;
        double last = Double.NaN;
        for (int i = from; i < from + count; i++) {
            double value = values[i];
            if (Double.isNaN(value)) {
                continue;
            }
            known++;
            sum += value;
            max = Math.max(max, value);
            min = Math.min(min, value);
            if (Double.isNaN(absMax) || Math.abs(value) > Math.abs(absMax)) {
                absMax = value;
            }
            if (Double.isNaN(absMin) || Math.abs(value) < Math.abs(absMin)) {
                absMin = value;
            }
            last = value;
        }
        if (known == 0 || (double) known / count < xFilesFactor) {
            return Double.NaN;
        }
        return switch (this) {
            case AVERAGE -> sum / known;
            case SUM -> sum;
            case LAST -> last;
            case MAX -> max;
            case MIN -> min;
            case AVG_ZERO -> sum / count;
            case ABSMAX -> absMax;
            case ABSMIN -> absMin;
        };
    }
}
